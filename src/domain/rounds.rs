//! Update-request rounds: whether each item came back, and which chaser is due next on the
//! ladder (request, reminder before the return-by date, escalation after it).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::vocab::ChaseStep;

/// Which actions a round picks: every open action of a body, an inspection or an owner's
/// account (any of these left empty picks everything).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Pick {
    pub body_id: Option<i64>,
    pub inspection_id: Option<i64>,
    pub owner_id: Option<i64>,
}

/// A round the office opens, as validated from its form.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NewRound {
    pub title: String,
    pub meeting_id: Option<i64>,
    pub return_by: NaiveDate,
    pub remind_on: NaiveDate,
    pub pick: Pick,
}

/// Where one item of a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// An update was entered on `on` (late when after the return-by date).
    Received { on: NaiveDate, late: bool },
    /// Nothing yet, and the return-by date has not passed.
    Awaiting,
    /// Nothing by the return-by date: "no update received" (never a RAG).
    NoUpdateReceived,
}

impl ItemState {
    pub fn of(entered_on: Option<NaiveDate>, return_by: NaiveDate, today: NaiveDate) -> Self {
        match entered_on {
            Some(on) => Self::Received {
                on,
                late: on > return_by,
            },
            None if today > return_by => Self::NoUpdateReceived,
            None => Self::Awaiting,
        }
    }

    pub fn is_outstanding(self) -> bool {
        !matches!(self, Self::Received { .. })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Received { late: false, .. } => "Update received",
            Self::Received { late: true, .. } => "Update received late",
            Self::Awaiting => "Awaiting update",
            Self::NoUpdateReceived => "No update received",
        }
    }
}

/// An item of a round for a meeting that had no update by the return-by date, as the
/// meeting's pack lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Missed {
    pub round: String,
    pub return_by: NaiveDate,
    /// "2.1 Vulnerability training – Derbyshire Constabulary".
    pub action: String,
    pub owner: Option<String>,
}

/// One item as the chaser plan sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub action_id: i64,
    pub owner_id: Option<i64>,
    pub lead_id: Option<i64>,
    pub state: ItemState,
}

/// A chaser to send: the step, to whom, about which actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Chaser {
    pub step: ChaseStep,
    pub user_id: i64,
    pub action_ids: Vec<i64>,
}

/// The dates a round is chased by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dates {
    pub opened_on: NaiveDate,
    pub remind_on: NaiveDate,
    pub return_by: NaiveDate,
}

/// The chasers due today for a round, given the steps already sent to each person: from
/// `remind_on` to the return-by date, a reminder to each owner with items outstanding (never
/// on the day the request went); after it, an escalation to each chief officer lead listing
/// the items with no update received. Each step goes to each person once.
pub fn chasers_due(
    dates: Dates,
    today: NaiveDate,
    items: &[Item],
    sent: &BTreeSet<(ChaseStep, i64)>,
) -> Vec<Chaser> {
    let (step, to): (ChaseStep, fn(&Item) -> Option<i64>) = if today > dates.return_by {
        (ChaseStep::Escalation, |i| i.lead_id)
    } else if today >= dates.remind_on && today > dates.opened_on {
        (ChaseStep::Reminder, |i| i.owner_id)
    } else {
        return Vec::new();
    };
    let mut by_person: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for item in items.iter().filter(|i| i.state.is_outstanding()) {
        if let Some(person) = to(item)
            && !sent.contains(&(step, person))
        {
            by_person.entry(person).or_default().push(item.action_id);
        }
    }
    by_person
        .into_iter()
        .map(|(user_id, action_ids)| Chaser {
            step,
            user_id,
            action_ids,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn item(action_id: i64, owner: Option<i64>, lead: Option<i64>, state: ItemState) -> Item {
        Item {
            action_id,
            owner_id: owner,
            lead_id: lead,
            state,
        }
    }

    #[test]
    fn an_item_is_received_awaiting_or_not_received_by_the_return_date() {
        let by = d("2026-03-12");
        assert_eq!(
            ItemState::of(None, by, d("2026-03-12")),
            ItemState::Awaiting
        );
        assert_eq!(
            ItemState::of(None, by, d("2026-03-13")),
            ItemState::NoUpdateReceived
        );
        assert_eq!(
            ItemState::of(Some(by), by, d("2026-03-20")),
            ItemState::Received {
                on: by,
                late: false
            }
        );
        let on_time = ItemState::of(Some(by), by, d("2026-03-20"));
        assert_eq!(on_time.label(), "Update received");
        let late = ItemState::of(Some(d("2026-03-13")), by, d("2026-03-20"));
        assert_eq!(late.label(), "Update received late");
        assert!(!late.is_outstanding());
        assert!(ItemState::NoUpdateReceived.is_outstanding());
        assert_eq!(ItemState::NoUpdateReceived.label(), "No update received");
        assert_eq!(ItemState::Awaiting.label(), "Awaiting update");
    }

    /// A round opened on 1 March, due back on 12 March, reminding on `remind_on`.
    fn dates(remind_on: &str) -> Dates {
        Dates {
            opened_on: d("2026-03-01"),
            remind_on: d(remind_on),
            return_by: d("2026-03-12"),
        }
    }

    #[test]
    fn a_round_due_back_soon_is_not_reminded_on_the_day_it_asked() {
        let items = [item(1, Some(10), Some(20), ItemState::Awaiting)];
        let soon = Dates {
            opened_on: d("2026-03-11"),
            remind_on: d("2026-03-11"),
            return_by: d("2026-03-12"),
        };
        assert!(chasers_due(soon, d("2026-03-11"), &items, &BTreeSet::new()).is_empty());
        assert_eq!(
            chasers_due(soon, d("2026-03-12"), &items, &BTreeSet::new()).len(),
            1
        );
    }

    #[test]
    fn nothing_is_chased_before_the_reminder_date() {
        let items = [item(1, Some(10), Some(20), ItemState::Awaiting)];
        let due = chasers_due(
            dates("2026-03-09"),
            d("2026-03-08"),
            &items,
            &BTreeSet::new(),
        );
        assert!(due.is_empty());
    }

    #[test]
    fn owners_with_items_outstanding_get_one_reminder_each_until_the_return_date() {
        let items = [
            item(1, Some(10), Some(20), ItemState::Awaiting),
            item(2, Some(10), Some(20), ItemState::Awaiting),
            item(
                3,
                Some(11),
                Some(20),
                ItemState::Received {
                    on: d("2026-03-10"),
                    late: false,
                },
            ),
            item(4, None, Some(20), ItemState::Awaiting),
        ];
        let due = chasers_due(
            dates("2026-03-09"),
            d("2026-03-12"),
            &items,
            &BTreeSet::new(),
        );
        assert_eq!(
            due,
            vec![Chaser {
                step: ChaseStep::Reminder,
                user_id: 10,
                action_ids: vec![1, 2]
            }]
        );
        let on_the_day = chasers_due(
            dates("2026-03-09"),
            d("2026-03-09"),
            &items,
            &BTreeSet::new(),
        );
        assert_eq!(on_the_day.len(), 1, "the reminder goes on its day");
        let sent = BTreeSet::from([(ChaseStep::Reminder, 10)]);
        assert!(chasers_due(dates("2026-03-09"), d("2026-03-10"), &items, &sent).is_empty());
    }

    #[test]
    fn after_the_return_date_each_lead_is_sent_what_did_not_arrive_once() {
        let items = [
            item(1, Some(10), Some(20), ItemState::NoUpdateReceived),
            item(2, Some(11), Some(21), ItemState::NoUpdateReceived),
            item(
                3,
                Some(11),
                Some(21),
                ItemState::Received {
                    on: d("2026-03-14"),
                    late: true,
                },
            ),
            item(4, Some(12), None, ItemState::NoUpdateReceived),
        ];
        let sent = BTreeSet::from([(ChaseStep::Reminder, 10), (ChaseStep::Escalation, 20)]);
        let due = chasers_due(dates("2026-03-09"), d("2026-03-13"), &items, &sent);
        assert_eq!(
            due,
            vec![Chaser {
                step: ChaseStep::Escalation,
                user_id: 21,
                action_ids: vec![2]
            }]
        );
    }
}
