//! User accounts.

use serde::Serialize;
use sqlx::SqliteExecutor;

use crate::domain::vocab::Role;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    pub must_change_password: bool,
    pub disabled_at: Option<String>,
    pub created_at: String,
    pub version: i64,
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
    pub created_at: &'a str,
}

pub async fn insert(db: impl SqliteExecutor<'_>, user: &NewUser<'_>) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "insert into users (email, display_name, role, password_hash, must_change_password, created_at)
         values (?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.role)
    .bind(user.password_hash)
    .bind(user.must_change_password)
    .bind(user.created_at)
    .fetch_one(db)
    .await?;
    Ok(id)
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as("select * from users where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn find_by_email(
    db: impl SqliteExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as("select * from users where email = ?")
        .bind(email)
        .fetch_optional(db)
        .await
}

pub async fn count_admins(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from users where role = 'admin' and disabled_at is null")
        .fetch_one(db)
        .await
}

pub async fn update_password(
    db: impl SqliteExecutor<'_>,
    id: i64,
    password_hash: &str,
    must_change_password: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update users
         set password_hash = ?, must_change_password = ?, version = version + 1
         where id = ?",
    )
    .bind(password_hash)
    .bind(must_change_password)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Every account, for the administrators' list (enabled first, then by email).
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "select *
         from users
         order by disabled_at is not null, email",
    )
    .fetch_all(db)
    .await
}

/// Change name and role if the row is still at `version`; false when someone else saved first.
pub async fn update_details(
    db: impl SqliteExecutor<'_>,
    id: i64,
    version: i64,
    display_name: &str,
    role: Role,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users
         set display_name = ?, role = ?, version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(display_name)
    .bind(role)
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Disable (`Some(when)`) or re-enable (`None`) if the row is still at `version`.
pub async fn set_disabled(
    db: impl SqliteExecutor<'_>,
    id: i64,
    version: i64,
    disabled_at: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users
         set disabled_at = ?, version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(disabled_at)
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Make the bodies `user_id` belongs to exactly `bodies` (an unknown body id fails on the
/// foreign key). Run inside the account change's transaction.
pub async fn set_bodies(
    conn: &mut sqlx::SqliteConnection,
    user_id: i64,
    bodies: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from user_bodies where user_id = ?")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for body in bodies {
        sqlx::query("insert into user_bodies (user_id, body_id) values (?, ?)")
            .bind(user_id)
            .bind(body)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Every user's bodies by name, as (user id, body name) in name order: one query for the list.
pub async fn list_body_names(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select ub.user_id, b.name from user_bodies ub
         join inspected_bodies b on b.id = ub.body_id
         order by ub.user_id, b.name collate nocase",
    )
    .fetch_all(db)
    .await
}
