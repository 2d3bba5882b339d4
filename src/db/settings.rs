//! Site-wide settings stored as key/value rows.

use sqlx::SqliteExecutor;

use crate::domain::site::Site;

pub async fn find(db: impl SqliteExecutor<'_>, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select value from settings where key = ?")
        .bind(key)
        .fetch_optional(db)
        .await
}

pub async fn put(db: impl SqliteExecutor<'_>, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into settings (key, value)
         values (?, ?)
         on conflict (key) do update set value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

/// Every setting the pages need, with defaults for the ones never set.
pub async fn load_site(db: impl SqliteExecutor<'_>) -> Result<Site, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("select key, value from settings")
        .fetch_all(db)
        .await?;
    let mut site = Site::default();
    for (key, value) in rows {
        match key.as_str() {
            "organisation_name" => site.organisation_name = value,
            "example_data" => site.example_data = value == "true",
            "installation_id" => site.installation_id = value,
            "two_step_for_staff" => site.two_step_for_staff = value == "true",
            "stale_after_days" => {
                if let Ok(days) = value.parse() {
                    site.stale_after_days = days;
                }
            }
            "reminder_offsets" => {
                if let Ok(offsets) = crate::domain::mail::parse_offsets(&value) {
                    site.reminder_offsets = offsets;
                }
            }
            "brand_colour" if crate::domain::contrast::parse_hex(&value).is_some() => {
                site.brand_colour = value
            }
            _ => {}
        }
    }
    Ok(site)
}
