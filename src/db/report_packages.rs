//! Report packages: the versions loaded, and what each body holds of a package's report.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::report_package::export::{Finding as ExportFinding, Report};
use crate::domain::report_package::{Loaded, LoadedItem};
use crate::domain::vocab::{BodyKind, FindingKind, Timescale};

/// A package version as it was loaded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredPackage {
    pub id: i64,
    pub sha256: String,
    pub content: String,
}

/// The version `version` of the report `national_id`, if it was loaded before.
pub async fn stored(
    db: impl SqliteExecutor<'_>,
    national_id: &str,
    version: u32,
) -> Result<Option<StoredPackage>, sqlx::Error> {
    sqlx::query_as(
        "select id, sha256, content from report_packages where national_id = ? and version = ?",
    )
    .bind(national_id)
    .bind(version)
    .fetch_optional(db)
    .await
}

/// The newest version loaded of the report `national_id`, if any.
pub async fn newest(
    db: impl SqliteExecutor<'_>,
    national_id: &str,
) -> Result<Option<StoredPackage>, sqlx::Error> {
    sqlx::query_as(
        "select id, sha256, content from report_packages where national_id = ?
         order by version desc limit 1",
    )
    .bind(national_id)
    .fetch_optional(db)
    .await
}

pub struct NewStored<'a> {
    pub national_id: &'a str,
    pub version: u32,
    pub title: &'a str,
    pub content: &'a str,
    pub sha256: &'a str,
}

pub async fn insert(
    tx: &mut SqliteConnection,
    new: &NewStored<'_>,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into report_packages (national_id, version, title, content, sha256, loaded_at,
             loaded_by)
         values (?, ?, ?, ?, ?, ?, ?) returning id",
    )
    .bind(new.national_id)
    .bind(new.version)
    .bind(new.title)
    .bind(new.content)
    .bind(new.sha256)
    .bind(super::timestamp(now))
    .bind(user_id)
    .fetch_one(tx)
    .await
}

/// A body a package may be loaded into.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Target {
    pub id: i64,
    pub name: String,
    pub kind: BodyKind,
}

/// Every body in use (not withdrawn), by name.
pub async fn targets(db: impl SqliteExecutor<'_>) -> Result<Vec<Target>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, kind from inspected_bodies where withdrawn_on is null order by name",
    )
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
struct LoadedRow {
    id: i64,
    body_id: i64,
    package_version: u32,
    title: String,
    published_on: NaiveDate,
    report_url: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    inspection_id: i64,
    id: i64,
    national_id: String,
    kind: FindingKind,
    reference: String,
    area: String,
    official_wording: Option<String>,
    timescale: Timescale,
    timescale_not_stated: bool,
    timescale_date: Option<NaiveDate>,
    parent: Option<String>,
    withdrawn: bool,
}

/// What each body holds of the report `national_id` (its copy not withdrawn), by body: two
/// queries whatever the number of bodies and items.
pub async fn loaded(
    db: &mut SqliteConnection,
    national_id: &str,
) -> Result<HashMap<i64, Loaded>, sqlx::Error> {
    let inspections: Vec<LoadedRow> = sqlx::query_as(
        "select id, body_id, package_version, title, published_on, report_url
         from inspections where national_id = ? and withdrawn_on is null",
    )
    .bind(national_id)
    .fetch_all(&mut *db)
    .await?;
    let items: Vec<ItemRow> = sqlx::query_as(
        "select f.inspection_id, f.id, f.national_id, f.kind, f.reference, f.area,
             f.official_wording, f.timescale, f.timescale_not_stated, f.timescale_date,
             p.national_id as parent, f.withdrawn_on is not null as withdrawn
         from findings f
         join inspections i on i.id = f.inspection_id
         left join findings p on p.id = f.parent_id
         where i.national_id = ? and i.withdrawn_on is null and f.national_id is not null
         order by f.id",
    )
    .bind(national_id)
    .fetch_all(&mut *db)
    .await?;
    let mut by_inspection: HashMap<i64, Vec<LoadedItem>> = HashMap::new();
    for r in items {
        by_inspection
            .entry(r.inspection_id)
            .or_default()
            .push(LoadedItem {
                finding_id: r.id,
                national_id: r.national_id,
                kind: r.kind,
                reference: r.reference,
                area: r.area,
                official_wording: r.official_wording,
                timescale: Timescale::from_stored(r.timescale, r.timescale_not_stated),
                deadline: r.timescale_date,
                parent: r.parent,
                withdrawn: r.withdrawn,
            });
    }
    Ok(inspections
        .into_iter()
        .map(|i| {
            let loaded = Loaded {
                inspection_id: i.id,
                version: i.package_version,
                title: i.title,
                published_on: i.published_on,
                report_url: i.report_url,
                items: by_inspection.remove(&i.id).unwrap_or_default(),
            };
            (i.body_id, loaded)
        })
        .collect())
}

/// Mark the inspection `id`, just added, as the copy of the report `national_id` at `version`.
pub async fn link(
    tx: &mut SqliteConnection,
    id: i64,
    national_id: &str,
    version: u32,
) -> Result<(), sqlx::Error> {
    sqlx::query("update inspections set national_id = ?, package_version = ? where id = ?")
        .bind(national_id)
        .bind(version)
        .bind(id)
        .execute(tx)
        .await?;
    Ok(())
}

/// Bring the copy `id` up to `version`, with the title, date and link that version gives.
pub async fn update_report(
    tx: &mut SqliteConnection,
    id: i64,
    version: u32,
    report: (&str, NaiveDate, Option<&str>),
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update inspections set package_version = ?, title = ?, published_on = ?,
             report_url = ?, updated_at = ?, version = version + 1
         where id = ?",
    )
    .bind(version)
    .bind(report.0)
    .bind(report.1)
    .bind(report.2)
    .bind(super::timestamp(now))
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// A finding's values as a package item gives them.
#[derive(Debug, serde::Serialize)]
pub struct ItemValues<'a> {
    pub national_id: &'a str,
    pub parent_id: Option<i64>,
    pub kind: FindingKind,
    pub reference: &'a str,
    pub area: &'a str,
    pub official_wording: &'a str,
    pub timescale: Timescale,
    pub deadline: Option<NaiveDate>,
}

/// Add a finding from a package item (no public summary yet: that is the office's own).
pub async fn insert_finding(
    tx: &mut SqliteConnection,
    inspection_id: i64,
    v: &ItemValues<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let now = super::timestamp(now);
    sqlx::query_scalar(
        "insert into findings (inspection_id, parent_id, kind, reference, area,
             official_wording, timescale, timescale_not_stated, timescale_date, national_id,
             created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(inspection_id)
    .bind(v.parent_id)
    .bind(v.kind)
    .bind(v.reference)
    .bind(v.area)
    .bind(v.official_wording)
    .bind(v.timescale.stored().0)
    .bind(v.timescale.stored().1)
    .bind(v.deadline)
    .bind(v.national_id)
    .bind(&now)
    .bind(&now)
    .fetch_one(tx)
    .await
}

/// Give a finding a newer package version's values; its public summary, parts, response and
/// everything judged of it stay as they are.
pub async fn update_finding(
    tx: &mut SqliteConnection,
    id: i64,
    v: &ItemValues<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update findings set parent_id = ?, kind = ?, reference = ?, area = ?,
             official_wording = ?, timescale = ?, timescale_not_stated = ?, timescale_date = ?,
             updated_at = ?, version = version + 1
         where id = ? and national_id = ?",
    )
    .bind(v.parent_id)
    .bind(v.kind)
    .bind(v.reference)
    .bind(v.area)
    .bind(v.official_wording)
    .bind(v.timescale.stored().0)
    .bind(v.timescale.stored().1)
    .bind(v.deadline)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(v.national_id)
    .execute(tx)
    .await?;
    Ok(())
}

/// The inspection `id` and its findings not withdrawn, as a package is made from them: two
/// queries.
pub async fn for_export(
    db: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(Report, Vec<ExportFinding>)>, sqlx::Error> {
    let report: Option<Report> = sqlx::query_as(
        "select i.id, i.national_id, i.package_version, i.title, i.kind, i.source,
             b.kind as body_kind, i.published_on, i.report_url
         from inspections i join inspected_bodies b on b.id = i.body_id
         where i.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *db)
    .await?;
    let Some(report) = report else {
        return Ok(None);
    };
    let rows: Vec<ExportRow> = sqlx::query_as(
        "select id, parent_id, national_id, kind, reference, area, official_wording, timescale,
             timescale_not_stated, timescale_date
         from findings where inspection_id = ? and withdrawn_on is null
         order by length(reference), reference, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let findings = rows
        .into_iter()
        .map(|r| ExportFinding {
            id: r.id,
            parent_id: r.parent_id,
            national_id: r.national_id,
            kind: r.kind,
            reference: r.reference,
            area: r.area,
            official_wording: r.official_wording,
            timescale: Timescale::from_stored(r.timescale, r.timescale_not_stated),
            deadline: r.timescale_date,
        })
        .collect();
    Ok(Some((report, findings)))
}

#[derive(sqlx::FromRow)]
struct ExportRow {
    id: i64,
    parent_id: Option<i64>,
    national_id: Option<String>,
    kind: FindingKind,
    reference: String,
    area: String,
    official_wording: Option<String>,
    timescale: Timescale,
    timescale_not_stated: bool,
    timescale_date: Option<NaiveDate>,
}

/// A loaded package version, for the office's list: which bodies hold a copy at which
/// version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackageRow {
    pub id: i64,
    pub national_id: String,
    pub version: u32,
    pub title: String,
    pub sha256: String,
    pub loaded_at: String,
}

/// Every package version loaded, newest first.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<PackageRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, national_id, version, title, sha256, loaded_at from report_packages
         order by loaded_at desc, id desc",
    )
    .fetch_all(db)
    .await
}

/// The package version `id`.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<(PackageRow, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        row: PackageRow,
        content: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "select id, national_id, version, title, sha256, loaded_at, content
         from report_packages where id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.row, r.content)))
}

/// A body's copy of a loaded report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CopyRow {
    pub national_id: String,
    pub inspection_id: i64,
    pub body_name: String,
    pub package_version: u32,
}

/// Every body's copy of a loaded report (not withdrawn), by report and body.
pub async fn copies(db: impl SqliteExecutor<'_>) -> Result<Vec<CopyRow>, sqlx::Error> {
    sqlx::query_as(
        "select i.national_id, i.id as inspection_id, b.name as body_name, i.package_version
         from inspections i join inspected_bodies b on b.id = i.body_id
         where i.national_id is not null and i.withdrawn_on is null
         order by i.national_id, b.name",
    )
    .fetch_all(db)
    .await
}
