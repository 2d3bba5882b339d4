//! The three voices on a finding – the force's RAG, the PCC office's assurance and the
//! inspectorate's position – side by side, as lists and records show them.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::voices::VoicesRow;
use crate::domain::vocab::{Assurance, InspectoratePosition, Rag};

/// A RAG rating and the day it describes the position on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForcePosition {
    pub rag: Rag,
    pub as_at: NaiveDate,
}

/// The PCC office's latest assurance judgement on the whole finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssuranceVoice {
    pub level: Assurance,
    pub assessed_on: NaiveDate,
}

/// The inspectorate's latest position on the whole finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectorateVoice {
    pub position: InspectoratePosition,
    pub as_at: NaiveDate,
    /// Its judgement in the report's own words.
    pub report_words: Option<String>,
}

/// The three voices on a finding, side by side and never merged into one score. Each is null
/// until there is one: no update yet, not assessed, no position recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Voices {
    /// The most severe of the latest updates on the finding and on each action addressing it
    /// (blue, complete, only when every one is blue).
    pub force: Option<ForcePosition>,
    pub assurance: Option<AssuranceVoice>,
    pub inspectorate: Option<InspectorateVoice>,
}

impl Voices {
    pub(super) fn of(
        force: (Option<Rag>, Option<NaiveDate>),
        assurance: (Option<Assurance>, Option<NaiveDate>),
        inspectorate: (
            Option<InspectoratePosition>,
            Option<NaiveDate>,
            Option<String>,
        ),
    ) -> Self {
        Self {
            force: force
                .0
                .zip(force.1)
                .map(|(rag, as_at)| ForcePosition { rag, as_at }),
            assurance: assurance
                .0
                .zip(assurance.1)
                .map(|(level, assessed_on)| AssuranceVoice { level, assessed_on }),
            inspectorate: inspectorate.0.zip(inspectorate.1).map(|(position, as_at)| {
                InspectorateVoice {
                    position,
                    as_at,
                    report_words: inspectorate.2,
                }
            }),
        }
    }

    /// No voice yet (a finding missing from the voices query).
    pub fn none() -> Self {
        Self::of((None, None), (None, None), (None, None, None))
    }
}

impl From<&VoicesRow> for Voices {
    fn from(v: &VoicesRow) -> Self {
        Self::of(
            (v.force_rag, v.force_as_at),
            (v.assurance, v.assessed_on),
            (v.position, v.position_as_at, v.position_words.clone()),
        )
    }
}
