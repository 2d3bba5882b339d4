//! What the worker queues by the calendar: round reminders and escalations, milestone and
//! arising reminders, stale items, weekly digests, notices of a new edition, and the deletion
//! of sign-ups never confirmed. Each is recorded as sent in the transaction that queues it, so
//! it goes once whatever restarts in between.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};

use super::sender;
use crate::AppState;
use crate::db;
use crate::db::reminders::Candidate;
use crate::domain::dates::today_in_london;
use crate::domain::edition::Snapshot;
use crate::domain::mail::letters::{
    ChangeLine, EditionNotice, Letter, OwnedItem, ReminderFact, Sender,
};
use crate::domain::mail::{due_soon_offset, notices, week_of};
use crate::domain::rounds::{Dates, ItemState, chasers_due};
use crate::domain::vocab::{ChaseStep, MailKind, SubscriptionScope};
use crate::record::rounds::{entered_on, facts, item_facts, opened_on};
use crate::views::mail as letters;

type Result<T> = std::result::Result<T, anyhow::Error>;

/// Queue everything due at `now`.
pub async fn run_schedule(state: &AppState, now: DateTime<Utc>) -> Result<()> {
    let from = sender(state);
    rounds(state, &from, now).await?;
    reminders(state, &from, now).await?;
    digests(state, &from, now).await?;
    editions(state, &from, now).await?;
    let week_ago = now - Duration::days(7);
    db::subscriptions::delete_unconfirmed_before(&state.db, week_ago).await?;
    Ok(())
}

async fn rounds(state: &AppState, from: &Sender, now: DateTime<Utc>) -> Result<()> {
    let today = today_in_london(now);
    let live = db::rounds::list_live(&state.db, today).await?;
    let ids: Vec<i64> = live.iter().map(|r| r.id).collect();
    let items = db::rounds::list_items(&state.db, &ids).await?;
    let sent = db::rounds::list_sent_steps(&state.db, &ids).await?;
    for round in &live {
        let mine: Vec<_> = items.iter().filter(|i| i.round_id == round.id).collect();
        let plan: Vec<_> = mine
            .iter()
            .map(|i| crate::domain::rounds::Item {
                action_id: i.action_id,
                owner_id: i.owner_email.as_ref().and(i.owner_id),
                lead_id: i.lead_email.as_ref().and(i.lead_id),
                state: ItemState::of(entered_on(i), round.return_by, today),
            })
            .collect();
        let done: BTreeSet<(ChaseStep, i64)> = sent
            .iter()
            .filter(|(r, _, _)| *r == round.id)
            .map(|(_, step, user)| (*step, *user))
            .collect();
        let dates = Dates {
            opened_on: opened_on(round).unwrap_or(today),
            remind_on: round.remind_on,
            return_by: round.return_by,
        };
        for chaser in chasers_due(dates, today, &plan, &done) {
            let about: Vec<_> = mine
                .iter()
                .filter(|i| chaser.action_ids.contains(&i.action_id))
                .map(|i| item_facts(i))
                .collect();
            let Some(person) = mine.iter().find(|i| match chaser.step {
                ChaseStep::Escalation => i.lead_id == Some(chaser.user_id),
                _ => i.owner_id == Some(chaser.user_id),
            }) else {
                continue;
            };
            let (name, email) = match chaser.step {
                ChaseStep::Escalation => (&person.lead_name, &person.lead_email),
                _ => (&person.owner_name, &person.owner_email),
            };
            let (Some(name), Some(email)) = (name, email) else {
                continue;
            };
            let letter = match chaser.step {
                ChaseStep::Escalation => {
                    letters::round_escalation(from, &facts(round), name, &about)
                }
                _ => letters::round_reminder(from, &facts(round), name, &about),
            };
            crate::record::rounds::chase(&state.db, now, round.id, &chaser, email, from, &letter)
                .await?;
        }
    }
    Ok(())
}

async fn reminders(state: &AppState, from: &Sender, now: DateTime<Utc>) -> Result<()> {
    let today = today_in_london(now);
    let site = state.site();
    let offsets = site.reminder_offsets.clone();
    let furthest = i64::from(offsets.iter().copied().max().unwrap_or(0));
    let mut due: Vec<(Candidate, i64)> = Vec::new();
    let soon = db::reminders::list_due_soon(&state.db, today, today + Duration::days(furthest));
    for c in soon.await? {
        if let Some(offset) = due_soon_offset(c.due_on, today, &offsets) {
            due.push((c, i64::from(offset)));
        }
    }
    due.extend(
        db::reminders::list_overdue(&state.db, today)
            .await?
            .into_iter()
            .map(|c| (c, 0)),
    );
    due.extend(
        db::reminders::list_arising_overdue(&state.db, today)
            .await?
            .into_iter()
            .map(|c| (c, 0)),
    );
    let stale = site.stale_after_days;
    due.extend(
        db::reminders::list_stale(&state.db, today, stale)
            .await?
            .into_iter()
            .map(|c| (c, stale)),
    );
    let mut by_person: BTreeMap<i64, Vec<(Candidate, i64)>> = BTreeMap::new();
    for (c, offset) in due {
        if !db::reminders::was_sent(&state.db, &c, offset).await? {
            by_person.entry(c.user_id).or_default().push((c, offset));
        }
    }
    for list in by_person.into_values() {
        let first = &list[0].0;
        let facts: Vec<ReminderFact> = list
            .iter()
            .map(|(c, _)| ReminderFact {
                kind: c.kind,
                about: c.about.clone(),
                date: c.due_on,
                path: c.path.clone(),
            })
            .collect();
        let letter = letters::reminders(from, &first.user_name, &facts);
        let mail = user_mail(
            MailKind::Reminders,
            &first.email,
            first.user_id,
            &letter,
            from,
        );
        crate::record::mail::queue_reminders(&state.db, now, &list, &mail).await?;
    }
    Ok(())
}

async fn digests(state: &AppState, from: &Sender, now: DateTime<Utc>) -> Result<()> {
    let week = week_of(today_in_london(now));
    for reader in db::reminders::list_digest_readers(&state.db, week).await? {
        let owned: Vec<OwnedItem> = db::reminders::list_owned(&state.db, reader.id)
            .await?
            .into_iter()
            .map(|o| OwnedItem {
                path: format!("/actions/{}", o.id),
                next_due: o.next_title.zip(o.next_due),
                reference: o.reference,
                title: o.title,
                body_name: o.body_name,
                last_update: o.last_update,
            })
            .collect();
        let since = now - Duration::days(7);
        let changes: Vec<ChangeLine> = db::reminders::list_changes(&state.db, reader.id, since, 50)
            .await?
            .into_iter()
            .map(|c| ChangeLine {
                on: c.as_at,
                what: format!(
                    "Progress update on {} {} ({}): {}",
                    c.reference,
                    c.title,
                    c.body_name,
                    c.rag.label()
                ),
                path: format!("/actions/{}", c.action_id),
            })
            .collect();
        let letter = (!(owned.is_empty() && changes.is_empty()))
            .then(|| letters::digest(from, &reader.display_name, week, &owned, &changes));
        let mail = letter
            .as_ref()
            .map(|l| user_mail(MailKind::Digest, &reader.email, reader.id, l, from));
        crate::record::mail::queue_digest(&state.db, now, reader.id, week, mail.as_ref()).await?;
    }
    Ok(())
}

/// The settings key holding the newest edition subscribers were told of.
const NOTIFIED: &str = "mail_notified_edition";

/// Tell each confirmed subscriber what the newest edition changed in what they follow, once:
/// the messages and the mark of the edition told of are written together.
async fn editions(state: &AppState, from: &Sender, now: DateTime<Utc>) -> Result<()> {
    // Asked at every tick: the number alone, since a national edition is tens of megabytes.
    let Some(number) = db::editions::latest_number(&state.db).await? else {
        return Ok(());
    };
    let told: Option<i64> = db::settings::find(&state.db, NOTIFIED)
        .await?
        .and_then(|v| v.parse().ok());
    if told.is_some_and(|t| t >= number) {
        return Ok(());
    }
    let subscribers = db::subscriptions::list_confirmed(&state.db).await?;
    // Each notice: to whom, the letter, its unsubscribe address.
    let mut notices: Vec<(&db::subscriptions::SubscriptionRow, Letter, String)> = Vec::new();
    // Nobody follows anything, or nothing was told before: start from this edition.
    if let (Some(told), false) = (told, subscribers.is_empty())
        && let Some(latest) = db::editions::find(&state.db, number).await?
    {
        let before = match db::editions::find(&state.db, told).await? {
            Some(row) => Some(row.snapshot()?),
            None => None,
        };
        let after = latest.snapshot()?;
        let before = before.unwrap_or_else(|| Snapshot {
            inspections: Vec::new(),
            meetings: Vec::new(),
            planned_meetings: Vec::new(),
            ..after.clone()
        });
        let published_on = today_in_london(latest.published_at);
        let mut said: BTreeMap<(SubscriptionScope, Option<i64>, Option<i64>), Vec<String>> =
            BTreeMap::new();
        for s in &subscribers {
            let key = (s.scope, s.body_id, s.inspection_id);
            let lines = said.entry(key).or_insert_with(|| {
                let (old, new) = (
                    notices::narrowed(&before, s.scope, s.body_id, s.inspection_id),
                    notices::narrowed(&after, s.scope, s.body_id, s.inspection_id),
                );
                notices::lines(&crate::domain::edition::diff(&old, &new), 20)
            });
            if lines.is_empty() {
                continue;
            }
            let (follows, page_path) = follows(&after, s, latest.number);
            let notice = EditionNotice {
                follows,
                edition: latest.number,
                published_on,
                changes: lines.clone(),
                page_path,
                changes_path: format!("/editions/{told}/changes/{}", latest.number),
                unsubscribe_path: format!("/subscriptions/{}/unsubscribe", s.token),
            };
            let unsubscribe = format!("{}{}", from.base_url, notice.unsubscribe_path);
            notices.push((s, letters::edition_notice(from, &notice), unsubscribe));
        }
    }
    let mails: Vec<db::mail::NewMail> = notices
        .iter()
        .map(|(s, letter, unsubscribe)| db::mail::NewMail {
            kind: MailKind::EditionNotice,
            to: &s.email,
            user_id: None,
            subscription_id: Some(s.id),
            letter,
            unsubscribe_url: Some(unsubscribe),
            domain: from.domain(),
        })
        .collect();
    crate::record::mail::queue_notices(&state.db, now, NOTIFIED, number, &mails).await?;
    Ok(())
}

/// What a subscription follows, in words, and its page in edition `n`.
fn follows(
    snapshot: &Snapshot,
    s: &db::subscriptions::SubscriptionRow,
    n: i64,
) -> (String, String) {
    match s.scope {
        SubscriptionScope::Site => ("the whole progress site".into(), format!("/editions/{n}")),
        SubscriptionScope::Body => {
            let name = snapshot
                .inspections
                .iter()
                .find(|i| i.body_id.is_some() && i.body_id == s.body_id)
                .map_or_else(|| "an inspected body".to_string(), |i| i.body_name.clone());
            (
                name,
                format!("/editions/{n}/bodies/{}", s.body_id.unwrap_or_default()),
            )
        }
        SubscriptionScope::Inspection => {
            let id = s.inspection_id.unwrap_or_default();
            let title = snapshot
                .inspections
                .iter()
                .find(|i| i.id == id)
                .map_or_else(|| "an inspection".to_string(), |i| i.title.clone());
            (title, format!("/editions/{n}/inspections/{id}"))
        }
    }
}

fn user_mail<'a>(
    kind: MailKind,
    to: &'a str,
    user_id: i64,
    letter: &'a crate::domain::mail::letters::Letter,
    from: &'a Sender,
) -> db::mail::NewMail<'a> {
    db::mail::NewMail {
        kind,
        to,
        user_id: Some(user_id),
        subscription_id: None,
        letter,
        unsubscribe_url: None,
        domain: from.domain(),
    }
}
