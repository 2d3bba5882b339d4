//! Managing accounts, shared by the administrators' pages and the command line: create,
//! change details, disable, re-enable, reset and change passwords – each audited in its
//! transaction. A new password, a new role or disabling also revokes the user's calendar
//! feeds in that transaction. Callers validate input (domain::accounts, domain::passwords) first.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use super::{Actor, RecordError, Tx};
use crate::auth::password;
use crate::db::users::{self, UserRow};
use crate::db::{self, sessions};
use crate::domain::accounts::{AccountDetails, NewAccount, bodies_for_role};
use crate::domain::vocab::{AuditAction, Entity, Role};
use crate::error::AppError;
use crate::forms::FieldErrors;

/// Why an account change was not made.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("There is no such account")]
    NotFound,
    /// What was typed needs putting right.
    #[error("The account details need correcting")]
    Invalid(FieldErrors),
    #[error("An account with this email address already exists")]
    EmailTaken,
    #[error("You cannot disable your own account")]
    CannotDisableSelf,
    #[error("You cannot change your own role")]
    CannotChangeOwnRole,
    #[error("There must always be at least one active administrator")]
    LastAdmin,
    /// Someone else saved the account first; this is how it is now.
    #[error("Someone else changed this account")]
    Conflict(Box<UserRow>),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(#[from] AppError),
}

impl From<RecordError> for AccountError {
    fn from(error: RecordError) -> Self {
        match error {
            RecordError::Database(e) => AccountError::Database(e),
            RecordError::NotFound => AccountError::NotFound,
            other => AccountError::Internal(other.into()),
        }
    }
}

impl From<AccountError> for AppError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::NotFound => AppError::NotFound,
            AccountError::Conflict(_) => AppError::Conflict,
            AccountError::Database(e) => AppError::from(e),
            AccountError::Internal(e) => e,
            other => AppError::internal(other),
        }
    }
}

/// An account as its audit events record it: the row and the bodies it belongs to.
#[derive(Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    user: &'a UserRow,
    bodies: &'a [i64],
}

/// A body chosen from a list that has since changed.
fn stale_bodies() -> AccountError {
    let mut errors = FieldErrors::default();
    errors.add("bodies", "Choose the bodies from the list again");
    AccountError::Invalid(errors)
}

/// A refusal of the bodies chosen for the role, on the bodies field.
fn refused_bodies(e: crate::domain::accounts::BodiesError) -> AccountError {
    let mut errors = FieldErrors::default();
    errors.add("bodies", e.to_string());
    AccountError::Invalid(errors)
}

/// Create an account that belongs to no body (an administrator, the office, a panel member
/// who sees every body) with a one-time password, returned here and shown once.
pub async fn create(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    account: &NewAccount,
) -> Result<(i64, String), AccountError> {
    create_with_bodies(pool, now, actor, account, &[]).await
}

/// Create an account belonging to `bodies` (as its role takes them: a force user needs one)
/// with a one-time password, returned here and shown once.
pub async fn create_with_bodies(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    account: &NewAccount,
    bodies: &[i64],
) -> Result<(i64, String), AccountError> {
    let bodies = bodies_for_role(account.role, bodies).map_err(refused_bodies)?;
    let secret = password::generate();
    let hash = password::hash(secret.clone()).await?;
    let mut tx = Tx::begin(pool, actor, now).await?;
    let new = users::NewUser {
        email: &account.email,
        display_name: &account.display_name,
        role: account.role,
        password_hash: &hash,
        must_change_password: true,
        created_at: &db::timestamp(now),
    };
    let id = match users::insert(&mut *tx, &new).await {
        Ok(id) => id,
        Err(e) if db::is_constraint_violation(&e) => return Err(AccountError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    match users::set_bodies(&mut tx, id, &bodies).await {
        Err(e) if db::is_constraint_violation(&e) => return Err(stale_bodies()),
        other => other?,
    }
    let after = users::find(&mut *tx, id)
        .await?
        .ok_or(AccountError::NotFound)?;
    let after = Audited {
        user: &after,
        bodies: &bodies,
    };
    tx.audit(
        Entity::User,
        id,
        AuditAction::Create,
        None::<&UserRow>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// The account with this email address (any case).
pub async fn find_by_email(pool: &SqlitePool, email: &str) -> Result<UserRow, AccountError> {
    users::find_by_email(pool, email.trim())
        .await?
        .ok_or(AccountError::NotFound)
}

/// Change an account's name, role and bodies. `version` is what the editor saw (None: as it
/// is now).
pub async fn update_details(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
    details: &AccountDetails,
) -> Result<(), AccountError> {
    let AccountDetails {
        display_name,
        role,
        bodies,
    } = details;
    let (display_name, role) = (display_name.as_str(), *role);
    let bodies = bodies_for_role(role, bodies).map_err(refused_bodies)?;
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id, version).await?;
    let bodies_before = db::scope::bodies_of_user(&mut *tx, id).await?;
    if role != before.role && actor.id == Some(id) {
        return Err(AccountError::CannotChangeOwnRole);
    }
    if before.role == Role::Admin && role != Role::Admin {
        ensure_not_last_admin(&mut tx, &before).await?;
    }
    users::update_details(&mut *tx, id, before.version, display_name, role).await?;
    match users::set_bodies(&mut tx, id, &bodies).await {
        Err(e) if db::is_constraint_violation(&e) => return Err(stale_bodies()),
        other => other?,
    }
    // A calendar feed shows what its owner may see: a new role or new bodies end it.
    if role != before.role || bodies != bodies_before {
        super::calendar::revoke_all(&mut tx, id).await?;
    }
    let after = users::find(&mut *tx, id)
        .await?
        .ok_or(AccountError::NotFound)?;
    let (before, after) = (
        Audited {
            user: &before,
            bodies: &bodies_before,
        },
        Audited {
            user: &after,
            bodies: &bodies,
        },
    );
    tx.audit(
        Entity::User,
        id,
        AuditAction::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Disable an account and end its sessions at once. Nobody disables themselves, and the
/// last active administrator stays.
pub async fn disable(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
) -> Result<(), AccountError> {
    if actor.id == Some(id) {
        return Err(AccountError::CannotDisableSelf);
    }
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id, version).await?;
    if before.disabled_at.is_some() {
        return Ok(());
    }
    if before.role == Role::Admin {
        ensure_not_last_admin(&mut tx, &before).await?;
    }
    let at = db::timestamp(now);
    users::set_disabled(&mut *tx, id, before.version, Some(&at)).await?;
    sessions::delete_for_user(&mut *tx, id).await?;
    super::calendar::revoke_all(&mut tx, id).await?;
    super::api_tokens::revoke_all(&mut tx, id).await?;
    finish(tx, id, AuditAction::Disable, &before).await
}

/// Let a disabled account sign in again.
pub async fn enable(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
) -> Result<(), AccountError> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id, version).await?;
    if before.disabled_at.is_none() {
        return Ok(());
    }
    users::set_disabled(&mut *tx, id, before.version, None).await?;
    finish(tx, id, AuditAction::Enable, &before).await
}

/// Give an account a new one-time password (returned, shown once) and end its sessions.
pub async fn reset_password(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i64,
) -> Result<String, AccountError> {
    let secret = password::generate();
    let hash = password::hash(secret.clone()).await?;
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id, None).await?;
    users::update_password(&mut *tx, id, &hash, true).await?;
    sessions::delete_for_user(&mut *tx, id).await?;
    super::calendar::revoke_all(&mut tx, id).await?;
    super::api_tokens::revoke_all(&mut tx, id).await?;
    finish(tx, id, AuditAction::ResetPassword, &before).await?;
    Ok(secret)
}

/// A person sets their own new password (already checked against the policy): the
/// first-run flag clears and every other session of theirs ends.
pub async fn change_own_password(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    id: i64,
    new_password: String,
    keep_session_hash: &str,
) -> Result<(), AccountError> {
    let hash = password::hash(new_password).await?;
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id, None).await?;
    users::update_password(&mut *tx, id, &hash, false).await?;
    sessions::delete_others(&mut *tx, id, keep_session_hash).await?;
    super::calendar::revoke_all(&mut tx, id).await?;
    finish(tx, id, AuditAction::ChangePassword, &before).await
}

async fn load(
    tx: &mut SqliteConnection,
    id: i64,
    version: Option<i64>,
) -> Result<UserRow, AccountError> {
    let row = users::find(&mut *tx, id)
        .await?
        .ok_or(AccountError::NotFound)?;
    match version {
        Some(v) if v != row.version => Err(AccountError::Conflict(Box::new(row))),
        _ => Ok(row),
    }
}

async fn ensure_not_last_admin(
    tx: &mut SqliteConnection,
    admin: &UserRow,
) -> Result<(), AccountError> {
    if admin.disabled_at.is_none() && users::count_admins(&mut *tx).await? <= 1 {
        return Err(AccountError::LastAdmin);
    }
    Ok(())
}

/// Record the account as it is now beside `before`, and commit.
async fn finish(
    mut tx: Tx,
    id: i64,
    action: AuditAction,
    before: &UserRow,
) -> Result<(), AccountError> {
    let after = users::find(&mut *tx, id).await?;
    tx.audit(Entity::User, id, action, Some(before), after.as_ref())
        .await?;
    tx.commit().await?;
    Ok(())
}
