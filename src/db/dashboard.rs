//! The dashboards' snapshot: the record as it stood at the end of a day, loaded in a fixed
//! number of queries (nine) whatever its size, then grouped in Rust.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::voices::{self, Scope};
use super::withdrawals::{action_live, finding_live, inspection_live, milestone_live};
use crate::domain::dashboard::{
    ActionFacts, ArisingFacts, BodyFacts, DashboardSnapshot, FindingFacts, MilestoneFacts,
    ReportFacts,
};
use crate::domain::dates::slips;
use crate::domain::regimes::{Applies, Regime};
use crate::domain::vocab::{ArisingStatus, BodyKind, FindingKind, Rag, Source};

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    body_id: i64,
    title: String,
    source: Source,
    body_kind: BodyKind,
    published_on: NaiveDate,
    has_cause_of_concern: bool,
    #[sqlx(flatten)]
    applies: Applies,
    response_published_on: Option<NaiveDate>,
    plan_review_received_on: Option<NaiveDate>,
    plan_review_extended_to: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct FindingFactsRow {
    id: i64,
    inspection_id: i64,
    body_id: i64,
    kind: FindingKind,
    reference: String,
    area: String,
}

#[derive(sqlx::FromRow)]
struct ActionFactsRow {
    id: i64,
    body_id: i64,
    reference: String,
    title: String,
    owner_role: String,
    owner_name: String,
    blocked_by: Option<String>,
    blocked_since: Option<NaiveDate>,
    created_on: Option<NaiveDate>,
    latest_as_at: Option<NaiveDate>,
    latest_rag: Option<Rag>,
}

#[derive(sqlx::FromRow)]
struct MilestoneFactsRow {
    id: i64,
    action_id: i64,
    title: String,
    original_due_on: NaiveDate,
    met_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct ArisingRow {
    id: i64,
    meeting_id: i64,
    finding_id: Option<i64>,
    action_id: Option<i64>,
    body_id: Option<i64>,
    description: String,
    owner: String,
    due_on: NaiveDate,
    status: ArisingStatus,
}

/// Which findings each action-plan item addresses, as `(action_id, finding_id)` pairs.
pub async fn list_action_findings(
    db: &mut SqliteConnection,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    links_of(db, None).await
}

/// The pairs of the actions of the bodies bound as JSON (`None`: every body). Two texts,
/// not one with `?1 is null or …`, which would read the whole table for a part.
async fn links_of(
    db: &mut SqliteConnection,
    bodies: Option<&str>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = match bodies {
        None => "select action_id, finding_id from action_findings order by action_id, finding_id",
        Some(_) => {
            "select action_id, finding_id
             from action_findings
             where action_id in (select id from action_items
                                 where body_id in (select value from json_each(?1)))
             order by action_id, finding_id"
        }
    };
    sqlx::query_as(sql).bind(bodies).fetch_all(db).await
}

/// When the first report an action answers was published: from then it counts on a dashboard
/// as at a date before it was typed (history entered later).
const FIRST_REPORT: &str = "select min(i.published_on)
     from action_findings af
     join findings f on f.id = af.finding_id
     join inspections i on i.id = f.inspection_id
     where af.action_id = a.id";

/// The record as it stood at the end of `as_at`, by the dates things took effect – not when
/// they were typed, so history entered later shows where it belongs (the audit log keeps the
/// typing times). An update corrected since is replaced by its correction throughout. An
/// action typed after `as_at` counts from the publication of the first report it answers
/// (and is stale from then, with no update), and its milestones with it; an action arising from its meeting. An
/// item blocked by an outside body counts from its `blocked_since` date (the block itself
/// is current state, not history); an action arising closed after `as_at` counts as open.
pub async fn snapshot(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
) -> Result<DashboardSnapshot, sqlx::Error> {
    load(db, as_at, None).await
}

/// The part of the snapshot about the bodies `bodies` (and none of the bodies' list, nor
/// actions arising about no body): what [`DashboardSnapshot::replace_bodies`] takes when
/// only their records changed.
pub async fn snapshot_of_bodies(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
    bodies: &[i64],
) -> Result<DashboardSnapshot, sqlx::Error> {
    load(db, as_at, Some(bodies)).await
}

async fn load(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
    part: Option<&[i64]>,
) -> Result<DashboardSnapshot, sqlx::Error> {
    let bodies = part.map(|b| serde_json::to_string(b).unwrap_or_else(|_| "[]".into()));
    let voices = match part {
        None => voices::list(&mut *db, Scope::All, as_at).await?,
        Some(part) => voices::list_for_bodies(&mut *db, part, as_at).await?,
    };
    let voices: HashMap<i64, voices::VoicesRow> =
        voices.into_iter().map(|v| (v.finding_id, v)).collect();
    // A fixed condition for each, not `?2 is null or …`, so a part is read through the body
    // indexes instead of testing every row of the record.
    let in_part = |column: &str| match part {
        None => "true".to_string(),
        Some(_) => format!("{column} in (select value from json_each(?2))"),
    };
    // Withdrawn records, and what hangs under them, are left out whatever the date.
    let findings: Vec<FindingFactsRow> = sqlx::query_as(&format!(
        "select f.id, f.inspection_id, i.body_id, f.kind, f.reference, f.area
         from findings f
         join inspections i on i.id = f.inspection_id
         where i.published_on <= ?1
           and {}
           and {}
         order by f.inspection_id, length(f.reference), f.reference",
        finding_live("f"),
        in_part("i.body_id")
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    let links = links_of(&mut *db, bodies.as_deref()).await?;
    let actions: Vec<ActionFactsRow> = sqlx::query_as(&format!(
        "select a.id, a.body_id, a.reference, a.title, a.owner_role, a.owner_name,
                case when a.blocked_since <= ?1 then a.blocked_by end as blocked_by,
                case when a.blocked_since <= ?1 then a.blocked_since end as blocked_since,
                case when date(a.created_at) <= ?1 then date(a.created_at)
                     else ({FIRST_REPORT}) end as created_on,
                l.as_at as latest_as_at,
                l.rag as latest_rag
         from action_items a
         left join progress_updates l on l.id = (
             select u.id
             from progress_updates u
             where u.action_id = a.id
               and u.as_at <= ?1
               and not exists (select 1 from progress_updates c
                               where c.corrects_id = u.id)
             order by u.as_at desc, u.id desc
             limit 1)
         where (date(a.created_at) <= ?1
            or ({FIRST_REPORT}) <= ?1)
           and {}
           and {}
         order by a.reference, a.id",
        action_live("a"),
        in_part("a.body_id")
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    let milestones: Vec<MilestoneFactsRow> = sqlx::query_as(&format!(
        "select id, action_id, title, original_due_on,
                case when met_on <= ?1 then met_on end as met_on
         from milestones
         where {}
           and {}
         order by id",
        milestone_live("milestones"),
        match part {
            None => "true",
            Some(_) =>
                "action_id in (select id from action_items
                                      where body_id in (select value from json_each(?2)))",
        }
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    // A milestone counts from when its action does.
    let counted: HashSet<i64> = actions.iter().map(|a| a.id).collect();
    let milestones = milestones
        .into_iter()
        .filter(|m| counted.contains(&m.action_id))
        .collect();
    let revisions: Vec<(i64, NaiveDate, NaiveDate)> = sqlx::query_as(&format!(
        "select milestone_id, previous_due_on, new_due_on
         from milestone_revisions
         where decided_on <= ?1
           and {}
         order by milestone_id, id",
        match part {
            None => "true",
            Some(_) =>
                "milestone_id in (select m.id from milestones m
                                         join action_items a on a.id = m.action_id
                                         where a.body_id in (select value from json_each(?2)))",
        }
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    let arising: Vec<ArisingRow> = sqlx::query_as(&format!(
        "select r.id, r.meeting_id, r.finding_id, r.action_id,
                coalesce(a.body_id, i.body_id) as body_id, r.description, r.owner, r.due_on,
                case when r.status = 'closed' and r.closed_on > ?1 then 'open' else r.status end
                    as status
         from actions_arising r
         join meetings m on m.id = r.meeting_id
         left join action_items a on a.id = r.action_id
         left join findings f on f.id = r.finding_id
         left join inspections i on i.id = f.inspection_id
         where date(m.starts_at) <= ?1
           and (r.finding_id is null or {})
           and (r.action_id is null or {})
           and not exists (select 1 from meetings wm
                           where wm.id = r.meeting_id and wm.withdrawn_on is not null)
           and {}
         order by r.due_on, r.id",
        finding_live("f"),
        action_live("a"),
        in_part("coalesce(a.body_id, i.body_id)")
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    let reports: Vec<ReportRow> = sqlx::query_as(&format!(
        "select i.id, i.body_id, i.title, i.source, b.kind as body_kind, i.published_on,
                exists (select 1 from findings c
                        where c.inspection_id = i.id
                          and c.kind = 'cause_of_concern'
                          and c.withdrawn_on is null) as has_cause_of_concern,
                i.follows_up_id is not null as follows_up, i.section_55_applies,
                i.action_plan_applies,
                case when i.response_published_on <= ?1 then i.response_published_on end
                    as response_published_on,
                case when i.plan_review_received_on <= ?1 then i.plan_review_received_on end
                    as plan_review_received_on,
                {}
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         where i.published_on <= ?1
           and {}
           and {}
         order by i.published_on, i.id",
        super::clocks::plan_review_extended_to(Some("?1")),
        inspection_live("i"),
        in_part("i.body_id")
    ))
    .bind(as_at)
    .bind(&bodies)
    .fetch_all(&mut *db)
    .await?;
    let mut snap = assemble(
        as_at, voices, findings, links, actions, milestones, revisions, arising, reports,
    );
    if part.is_some() {
        return Ok(snap);
    }
    // Bodies are current state (a rename shows everywhere), like the blocks above.
    let bodies: Vec<(i64, String, BodyKind)> = sqlx::query_as(
        "select id, name, kind from inspected_bodies
             where withdrawn_on is null
             order by name, id",
    )
    .fetch_all(&mut *db)
    .await?;
    snap.bodies = bodies
        .into_iter()
        .map(|(id, name, kind)| BodyFacts { id, name, kind })
        .collect();
    Ok(snap)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    as_at: NaiveDate,
    mut voices: HashMap<i64, voices::VoicesRow>,
    findings: Vec<FindingFactsRow>,
    links: Vec<(i64, i64)>,
    actions: Vec<ActionFactsRow>,
    milestones: Vec<MilestoneFactsRow>,
    revisions: Vec<(i64, NaiveDate, NaiveDate)>,
    arising: Vec<ArisingRow>,
    reports: Vec<ReportRow>,
) -> DashboardSnapshot {
    let mut by_action: HashMap<i64, Vec<i64>> = HashMap::new();
    for (action, finding) in links {
        by_action.entry(action).or_default().push(finding);
    }
    let mut moves: HashMap<i64, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for (milestone, previous, new) in revisions {
        moves.entry(milestone).or_default().push((previous, new));
    }
    let findings = findings
        .into_iter()
        .map(|f| {
            let v = voices.remove(&f.id);
            FindingFacts {
                force_rag: v.as_ref().and_then(|v| v.force_rag),
                assurance: v.as_ref().and_then(|v| v.assurance),
                position: v.as_ref().and_then(|v| v.position),
                id: f.id,
                inspection_id: f.inspection_id,
                body_id: f.body_id,
                kind: f.kind,
                reference: f.reference,
                area: f.area,
            }
        })
        .collect();
    let actions = actions
        .into_iter()
        .map(|a| ActionFacts {
            finding_ids: by_action.remove(&a.id).unwrap_or_default(),
            id: a.id,
            body_id: a.body_id,
            reference: a.reference,
            title: a.title,
            owner_role: a.owner_role,
            owner_name: a.owner_name,
            blocked_by: a.blocked_by,
            blocked_since: a.blocked_since,
            created_on: a.created_on,
            latest_as_at: a.latest_as_at,
            latest_rag: a.latest_rag,
        })
        .collect();
    let mut milestones: Vec<MilestoneFacts> = milestones
        .into_iter()
        .map(|m| {
            let revs = moves.remove(&m.id).unwrap_or_default();
            MilestoneFacts {
                current_due_on: revs.last().map_or(m.original_due_on, |(_, new)| *new),
                slips: slips(m.original_due_on, &revs),
                id: m.id,
                action_id: m.action_id,
                title: m.title,
                original_due_on: m.original_due_on,
                met_on: m.met_on,
            }
        })
        .collect();
    milestones.sort_by_key(|m| (m.current_due_on, m.id));
    let arising = arising
        .into_iter()
        .map(|x| ArisingFacts {
            id: x.id,
            meeting_id: x.meeting_id,
            finding_id: x.finding_id,
            action_id: x.action_id,
            body_id: x.body_id,
            description: x.description,
            owner: x.owner,
            due_on: x.due_on,
            status: x.status,
        })
        .collect();
    let reports = reports
        .into_iter()
        .map(|r| ReportFacts {
            id: r.id,
            body_id: r.body_id,
            title: r.title,
            regime: Regime::of(r.source, r.body_kind, r.has_cause_of_concern).applying(&r.applies),
            published_on: r.published_on,
            response_published_on: r.response_published_on,
            plan_review_received_on: r.plan_review_received_on,
            plan_review_extended_to: r.plan_review_extended_to,
        })
        .collect();
    DashboardSnapshot {
        as_at,
        findings,
        actions,
        milestones,
        arising,
        reports,
        bodies: Vec::new(),
    }
}
