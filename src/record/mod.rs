//! One function per change to the record, used alike by the browser, the command line and
//! any API: each takes who is acting, the instant, the version the person saw and a validated
//! input; opens the write transaction, loads what was there, writes through `db`, records its
//! audit event and commits. A write that records no audit event cannot commit.

pub mod accounts;
pub mod action_blocks;
pub mod actions;
pub mod agenda;
pub mod api_tokens;
pub mod arising;
pub mod assurance;
pub mod bodies;
pub mod calendar;
pub mod clocks;
pub mod contacts;
pub mod evidence;
pub mod example;
pub mod findings;
pub mod inspections;
pub mod mail;
pub mod measures;
pub mod meetings;
pub mod milestones;
pub mod proposals;
pub mod publishing;
pub mod report_packages;
pub mod rounds;
pub mod settings;
pub mod subscriptions;
pub mod two_step;
pub mod updates;
pub mod withdrawals;

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use crate::db::{self, audit};
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::AppError;
use crate::forms::FieldErrors;

pub use crate::db::audit::Actor;

/// What a change came to: done (with what the caller needs next, usually an id), or not made
/// because someone else saved the record first – here is how it is now.
#[derive(Debug)]
pub enum Saved<T, Latest> {
    Done(T),
    Stale(Latest),
}

/// Why a change was not made, other than a stale version.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The input is well formed but the record refuses it (a duplicate reference, a date out
    /// of order): shown on the form like any other field error.
    #[error("the input was refused")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    /// This person may not make this change to this record (a rule about the record, not
    /// the route: someone else's update, say).
    #[error("forbidden")]
    Forbidden,
    /// The change conflicts with the record's state and there is no form to show again.
    #[error("conflict")]
    Conflict,
    /// An API request repeated with the same `Idempotency-Key`: nothing was changed again;
    /// this is what the first one made.
    #[error("already made")]
    Repeated { entity: String, id: i64 },
    /// An `Idempotency-Key` already used for a different request.
    #[error("idempotency key reused")]
    KeyReused,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(#[from] AppError),
}

impl RecordError {
    /// One message on one field.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        Self::Invalid(errors)
    }
}

impl From<FieldErrors> for RecordError {
    fn from(errors: FieldErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<RecordError> for AppError {
    fn from(error: RecordError) -> Self {
        match error {
            RecordError::NotFound => AppError::NotFound,
            RecordError::Forbidden => AppError::Forbidden,
            RecordError::Conflict | RecordError::Repeated { .. } | RecordError::KeyReused => {
                AppError::Conflict
            }
            RecordError::Database(e) => AppError::from(e),
            RecordError::Internal(e) => e,
            // A handler shows field errors on its form; one that reaches here had no form.
            RecordError::Invalid(_) => AppError::internal("field errors without a form"),
        }
    }
}

pub type RecordResult<T> = Result<T, RecordError>;

/// Turns a constraint failure (unique, check, foreign key) into a message on a field, in one
/// call: `db::findings::insert(..).await.on_constraint("reference", "…")?`.
pub trait ResultExt<T> {
    fn on_constraint(self, field: &'static str, message: &str) -> RecordResult<T>;

    /// A constraint failure here means a reference to something that is not there (the forms
    /// offer only what exists): not found.
    fn missing_on_constraint(self) -> RecordResult<T>;
}

impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn missing_on_constraint(self) -> RecordResult<T> {
        self.map_err(|e| match db::is_constraint_violation(&e) {
            true => RecordError::NotFound,
            false => RecordError::Database(e),
        })
    }

    fn on_constraint(self, field: &'static str, message: &str) -> RecordResult<T> {
        self.map_err(|e| {
            if db::is_constraint_violation(&e) {
                RecordError::field(field, message)
            } else {
                RecordError::Database(e)
            }
        })
    }
}

/// A record the change is about that is not there: `db::x::find(&mut *tx, id).await.found()?`.
pub trait Found<T> {
    fn found(self) -> RecordResult<T>;
}

impl<T> Found<T> for Result<Option<T>, sqlx::Error> {
    fn found(self) -> RecordResult<T> {
        self?.ok_or(RecordError::NotFound)
    }
}

/// The write transaction of one change: who is acting and when, and whether the change has
/// been recorded in the audit log. It dereferences to the connection for `db` calls.
pub struct Tx {
    inner: db::WriteTx,
    actor: Actor,
    now: DateTime<Utc>,
    audited: bool,
    /// The first record the change audited: what an `Idempotency-Key` is answered with.
    made: Option<(Entity, i64)>,
}

impl Tx {
    /// Take the write lock for a change by `actor` at `now`. An API request whose
    /// `Idempotency-Key` was already used is refused here, under the lock, so two copies of
    /// one request sent at once make one change.
    pub async fn begin(pool: &SqlitePool, actor: &Actor, now: DateTime<Utc>) -> RecordResult<Tx> {
        let mut inner = db::begin_write(pool).await?;
        if let (Some(user_id), Some(request)) = (actor.id, &actor.request)
            && let Some(made) =
                db::api_tokens::find_request(&mut *inner, user_id, &request.key).await?
        {
            return Err(match made.fingerprint == request.fingerprint {
                true => RecordError::Repeated {
                    entity: made.entity,
                    id: made.entity_id,
                },
                false => RecordError::KeyReused,
            });
        }
        Ok(Tx {
            inner,
            actor: actor.clone(),
            now,
            audited: false,
            made: None,
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Record `action` on the `entity` with this id, with the record before and after.
    pub async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        entity: Entity,
        id: i64,
        action: AuditAction,
        before: Option<&B>,
        after: Option<&A>,
    ) -> RecordResult<()> {
        self.record(entity, Some(id), action, before, after).await
    }

    /// The usual end of a change to one record: record `action` on the `entity` `id` (before
    /// and after), commit, and answer done with the id.
    pub async fn finish<B: Serialize, A: Serialize, L>(
        mut self,
        entity: Entity,
        id: i64,
        action: AuditAction,
        before: Option<&B>,
        after: Option<&A>,
    ) -> RecordResult<Saved<i64, L>> {
        self.audit(entity, id, action, before, after).await?;
        self.commit().await?;
        Ok(Saved::Done(id))
    }

    /// Record that the `entity` `id` was created holding `after`; commit; done with the id.
    pub async fn created<A: Serialize, L>(
        self,
        entity: Entity,
        id: i64,
        after: &A,
    ) -> RecordResult<Saved<i64, L>> {
        let action = AuditAction::Create;
        self.finish(entity, id, action, None::<&()>, Some(after))
            .await
    }

    /// Record that the `entity` `id` changed from `before` to `after`; commit; done with the id.
    pub async fn updated<B: Serialize, A: Serialize, L>(
        self,
        entity: Entity,
        id: i64,
        before: &B,
        after: &A,
    ) -> RecordResult<Saved<i64, L>> {
        let action = AuditAction::Update;
        self.finish(entity, id, action, Some(before), Some(after))
            .await
    }

    /// Record `action` on an `entity` that is one of a kind (the site's settings), so has no id.
    pub async fn audit_single<B: Serialize, A: Serialize>(
        &mut self,
        entity: Entity,
        action: AuditAction,
        before: Option<&B>,
        after: Option<&A>,
    ) -> RecordResult<()> {
        self.record(entity, None, action, before, after).await
    }

    async fn record<B: Serialize, A: Serialize>(
        &mut self,
        entity: Entity,
        entity_id: Option<i64>,
        action: AuditAction,
        before: Option<&B>,
        after: Option<&A>,
    ) -> RecordResult<()> {
        let change = audit::Change {
            entity,
            entity_id,
            action,
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: after.and_then(|a| serde_json::to_value(a).ok()),
        };
        audit::record(&mut self.inner, self.now, &self.actor, change).await?;
        self.audited = true;
        if let (None, Some(id)) = (self.made, entity_id) {
            self.made = Some((entity, id));
        }
        Ok(())
    }

    /// Commit, refusing (and rolling back) a change that recorded no audit event: the log is
    /// the record's history, and the dashboards know the record changed only from it.
    pub async fn commit(mut self) -> RecordResult<()> {
        if !self.audited {
            self.inner.rollback().await?;
            return Err(
                AppError::internal("a write tried to commit without an audit event").into(),
            );
        }
        if let (Some(user_id), Some(request), Some((entity, id))) =
            (self.actor.id, &self.actor.request, self.made)
        {
            let made = db::api_tokens::RequestRow {
                fingerprint: request.fingerprint.clone(),
                entity: entity.as_str().to_string(),
                entity_id: id,
            };
            db::api_tokens::insert_request(
                &mut *self.inner,
                user_id,
                &request.key,
                &made,
                self.now,
            )
            .await?;
        }
        self.inner.commit().await?;
        Ok(())
    }
}

impl Deref for Tx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }
}
