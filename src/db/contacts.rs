//! Whom to email about an action (its owner's account) and about a body's late updates (its
//! chief officer lead), and the accounts that may be chosen: those who may see the body.

use sqlx::SqliteExecutor;

/// What an action or a body is, and the account chosen for it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Chosen {
    pub id: i64,
    pub label: String,
    pub body_id: i64,
    pub user_id: Option<i64>,
    pub user_label: Option<String>,
}

pub async fn find_action_owner(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
) -> Result<Option<Chosen>, sqlx::Error> {
    sqlx::query_as(
        "select a.id, a.reference || ' ' || a.title as label, a.body_id, a.owner_user_id as user_id,
                u.display_name || ' (' || u.email || ')' as user_label
         from action_items a left join users u on u.id = a.owner_user_id
         where a.id = ?",
    )
    .bind(action_id)
    .fetch_optional(db)
    .await
}

pub async fn find_body_lead(
    db: impl SqliteExecutor<'_>,
    body_id: i64,
) -> Result<Option<Chosen>, sqlx::Error> {
    sqlx::query_as(
        "select b.id, b.name as label, b.id as body_id, b.chief_officer_id as user_id,
                u.display_name || ' (' || u.email || ')' as user_label
         from inspected_bodies b left join users u on u.id = b.chief_officer_id
         where b.id = ?",
    )
    .bind(body_id)
    .fetch_optional(db)
    .await
}

/// Accounts in use that may see `body_id`'s records and post updates: the office, and the
/// body's force users.
pub async fn list_people_for_body(
    db: impl SqliteExecutor<'_>,
    body_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.display_name || ' (' || u.email || ')'
         from users u
         where u.disabled_at is null
           and (u.role in ('admin', 'office')
                or (u.role = 'force'
                    and exists (select 1 from user_bodies x where x.user_id = u.id and x.body_id = ?)))
         order by u.role = 'force' desc, u.display_name",
    )
    .bind(body_id)
    .fetch_all(db)
    .await
}

pub async fn set_action_owner(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
    user_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update action_items set owner_user_id = ? where id = ?")
        .bind(user_id)
        .bind(action_id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_body_lead(
    db: impl SqliteExecutor<'_>,
    body_id: i64,
    user_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update inspected_bodies set chief_officer_id = ? where id = ?")
        .bind(user_id)
        .bind(body_id)
        .execute(db)
        .await
        .map(|_| ())
}
