//! Where a report's recommendations come from, in the words the public reads: an HMICFRS report
//! is a police or a fire and rescue inspection by the kind of body it is about, and every
//! source names who issued it and whose position its findings carry.

use serde::{Deserialize, Serialize};

use crate::domain::vocab::{BodyKind, Source};

/// The heading of the issuing body's voice where a page shows findings of many sources.
pub const ISSUING_BODY_POSITION: &str = "Issuing body's position";

/// A report's source as shown and filtered: the record's [`Source`], with HMICFRS told apart
/// by the kind of body the report is about. Its token is stable (a filter's value, the open
/// data's `source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReportSource {
    #[serde(rename = "hmicfrs_police")]
    HmicfrsPolice,
    #[serde(rename = "hmicfrs_fire")]
    HmicfrsFire,
    /// An HMICFRS report about a body that is neither a police force nor a fire and rescue
    /// service (a regional unit, say).
    #[serde(rename = "hmicfrs_other")]
    HmicfrsOther,
    #[serde(rename = "iopc")]
    Iopc,
    #[serde(rename = "coroner")]
    Coroner,
    #[serde(rename = "internal_audit")]
    InternalAudit,
    #[serde(rename = "inquiry")]
    Inquiry,
    #[serde(rename = "super_complaint")]
    SuperComplaint,
    #[serde(rename = "peer_review")]
    PeerReview,
    #[serde(rename = "other")]
    Other,
}

/// The words of one source.
struct Wording {
    token: &'static str,
    label: &'static str,
    issuer: &'static str,
    issuer_in_sentence: &'static str,
    position: &'static str,
    position_in_sentence: &'static str,
}

const HMICFRS: Wording = Wording {
    token: "hmicfrs_police",
    label: "HMICFRS police inspection",
    issuer: "HMICFRS",
    issuer_in_sentence: "HMICFRS",
    position: "HMICFRS's position",
    position_in_sentence: "HMICFRS's position",
};

/// The voice of an issuer whose name makes an awkward possessive ("the inquiry or review's").
const GENERIC: Wording = Wording {
    token: "other",
    label: "Other",
    issuer: "The issuing body",
    issuer_in_sentence: "the issuing body",
    position: "The issuing body's position",
    position_in_sentence: "the issuing body's position",
};

impl ReportSource {
    /// Every source, in display order.
    pub const ALL: &'static [Self] = &[
        Self::HmicfrsPolice,
        Self::HmicfrsFire,
        Self::HmicfrsOther,
        Self::Iopc,
        Self::Coroner,
        Self::InternalAudit,
        Self::Inquiry,
        Self::SuperComplaint,
        Self::PeerReview,
        Self::Other,
    ];

    /// The source of a report from `source` about a body of kind `body`.
    pub fn of(source: Source, body: BodyKind) -> Self {
        match (source, body) {
            (Source::Hmicfrs, BodyKind::PoliceForce) => Self::HmicfrsPolice,
            (Source::Hmicfrs, BodyKind::FireAndRescueService) => Self::HmicfrsFire,
            (Source::Hmicfrs, BodyKind::Other) => Self::HmicfrsOther,
            (Source::Iopc, _) => Self::Iopc,
            (Source::Coroner, _) => Self::Coroner,
            (Source::InternalAudit, _) => Self::InternalAudit,
            (Source::Inquiry, _) => Self::Inquiry,
            (Source::SuperComplaint, _) => Self::SuperComplaint,
            (Source::PeerReview, _) => Self::PeerReview,
            (Source::Other, _) => Self::Other,
        }
    }

    /// The record's source and, for HMICFRS, the kind of body that tells its reports apart
    /// (`None`: any kind of body).
    pub fn source_and_body_kind(self) -> (Source, Option<BodyKind>) {
        match self {
            Self::HmicfrsPolice => (Source::Hmicfrs, Some(BodyKind::PoliceForce)),
            Self::HmicfrsFire => (Source::Hmicfrs, Some(BodyKind::FireAndRescueService)),
            Self::HmicfrsOther => (Source::Hmicfrs, Some(BodyKind::Other)),
            Self::Iopc => (Source::Iopc, None),
            Self::Coroner => (Source::Coroner, None),
            Self::InternalAudit => (Source::InternalAudit, None),
            Self::Inquiry => (Source::Inquiry, None),
            Self::SuperComplaint => (Source::SuperComplaint, None),
            Self::PeerReview => (Source::PeerReview, None),
            Self::Other => (Source::Other, None),
        }
    }

    /// Whether a report from `source` about a body of kind `body` is of this source.
    pub fn matches(self, source: Source, body: BodyKind) -> bool {
        Self::of(source, body) == self
    }

    fn words(self) -> Wording {
        match self {
            Self::HmicfrsPolice => HMICFRS,
            Self::HmicfrsFire => Wording {
                token: "hmicfrs_fire",
                label: "HMICFRS fire and rescue inspection",
                ..HMICFRS
            },
            Self::HmicfrsOther => Wording {
                token: "hmicfrs_other",
                label: "HMICFRS inspection",
                ..HMICFRS
            },
            Self::Iopc => Wording {
                token: "iopc",
                label: "IOPC learning recommendation",
                issuer: "The IOPC",
                issuer_in_sentence: "the IOPC",
                position: "The IOPC's position",
                position_in_sentence: "the IOPC's position",
            },
            Self::Coroner => Wording {
                token: "coroner",
                label: "Prevention of future deaths report",
                issuer: "The coroner",
                issuer_in_sentence: "the coroner",
                position: "The coroner's position",
                position_in_sentence: "the coroner's position",
            },
            Self::InternalAudit => Wording {
                token: "internal_audit",
                label: "Internal audit",
                issuer: "Internal audit",
                issuer_in_sentence: "internal audit",
                position: "Internal audit's position",
                position_in_sentence: "internal audit's position",
            },
            Self::Inquiry => Wording {
                token: "inquiry",
                label: "Inquiry or review",
                issuer: "The inquiry or review",
                issuer_in_sentence: "the inquiry or review",
                ..GENERIC
            },
            Self::SuperComplaint => Wording {
                token: "super_complaint",
                label: "Super-complaint",
                issuer: "The super-complaint investigation",
                issuer_in_sentence: "the super-complaint investigation",
                ..GENERIC
            },
            Self::PeerReview => Wording {
                token: "peer_review",
                label: "Peer review",
                issuer: "The peer review",
                issuer_in_sentence: "the peer review",
                ..GENERIC
            },
            Self::Other => GENERIC,
        }
    }

    /// The stable token: a filter's value and the open data's `source`.
    pub fn as_str(self) -> &'static str {
        self.words().token
    }

    /// The source for a token, or `None` if the token is unknown.
    pub fn parse(token: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.as_str() == token)
    }

    /// What the report is, in the public's words ("IOPC learning recommendation").
    pub fn label(self) -> &'static str {
        self.words().label
    }

    /// Who issued the report, starting a sentence ("The coroner").
    pub fn issuer(self) -> &'static str {
        self.words().issuer
    }

    /// Who issued the report, within a sentence ("a letter from the coroner").
    pub fn issuer_in_sentence(self) -> &'static str {
        self.words().issuer_in_sentence
    }

    /// The heading of the issuing body's voice on its findings ("The coroner's position").
    pub fn position_heading(self) -> &'static str {
        self.words().position
    }

    /// The issuing body's position within a sentence ("record the coroner's position").
    pub fn position_in_sentence(self) -> &'static str {
        self.words().position_in_sentence
    }
}

impl std::fmt::Display for ReportSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for ReportSource {
    type Err = UnknownSource;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or(UnknownSource)
    }
}

/// A token that names no source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown source")]
pub struct UnknownSource;

#[cfg(test)]
mod tests {
    use super::*;

    fn capitalised(s: &str) -> String {
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    #[test]
    fn an_hmicfrs_report_is_a_police_or_a_fire_and_rescue_inspection_by_its_body() {
        let police = ReportSource::of(Source::Hmicfrs, BodyKind::PoliceForce);
        let fire = ReportSource::of(Source::Hmicfrs, BodyKind::FireAndRescueService);
        let other = ReportSource::of(Source::Hmicfrs, BodyKind::Other);
        assert_eq!(police.label(), "HMICFRS police inspection");
        assert_eq!(fire.label(), "HMICFRS fire and rescue inspection");
        assert_eq!(other.label(), "HMICFRS inspection");
        assert_eq!(
            [police.as_str(), fire.as_str(), other.as_str()],
            ["hmicfrs_police", "hmicfrs_fire", "hmicfrs_other"]
        );
        for s in [police, fire, other] {
            assert_eq!(s.issuer(), "HMICFRS");
            assert_eq!(s.position_heading(), "HMICFRS's position");
        }
    }

    #[test]
    fn other_sources_do_not_depend_on_the_kind_of_body() {
        for source in Source::ALL.iter().filter(|s| **s != Source::Hmicfrs) {
            let each: Vec<ReportSource> = BodyKind::ALL
                .iter()
                .map(|k| ReportSource::of(*source, *k))
                .collect();
            assert!(each.iter().all(|s| *s == each[0]), "{source:?}");
            // Their wording is the record's own label.
            assert_eq!(each[0].label(), source.label());
            assert_eq!(each[0].as_str(), source.as_str());
        }
    }

    #[test]
    fn each_source_names_its_issuer_and_whose_position_it_is() {
        assert_eq!(ReportSource::Iopc.label(), "IOPC learning recommendation");
        assert_eq!(ReportSource::Iopc.issuer(), "The IOPC");
        assert_eq!(ReportSource::Iopc.position_heading(), "The IOPC's position");
        assert_eq!(
            ReportSource::Coroner.label(),
            "Prevention of future deaths report"
        );
        assert_eq!(ReportSource::Coroner.issuer(), "The coroner");
        assert_eq!(
            ReportSource::Coroner.position_heading(),
            "The coroner's position"
        );
        assert_eq!(ReportSource::InternalAudit.issuer(), "Internal audit");
        assert_eq!(ReportSource::Inquiry.issuer(), "The inquiry or review");
        // Where the issuer's own name makes an awkward possessive, the generic voice.
        for s in [
            ReportSource::Inquiry,
            ReportSource::SuperComplaint,
            ReportSource::PeerReview,
            ReportSource::Other,
        ] {
            assert_eq!(s.position_heading(), "The issuing body's position");
        }
    }

    #[test]
    fn the_words_within_a_sentence_are_the_heading_words_uncapitalised() {
        for s in ReportSource::ALL {
            assert_eq!(capitalised(s.issuer_in_sentence()), s.issuer(), "{s:?}");
            assert_eq!(
                capitalised(s.position_in_sentence()),
                s.position_heading(),
                "{s:?}"
            );
            // An acronym keeps its capitals wherever it stands.
            if s.issuer().contains("HMICFRS") {
                assert_eq!(s.issuer_in_sentence(), "HMICFRS");
            }
        }
    }

    #[test]
    fn tokens_are_distinct_and_parse_back_and_unknown_ones_do_not() {
        let mut tokens: Vec<&str> = ReportSource::ALL.iter().map(|s| s.as_str()).collect();
        tokens.sort();
        tokens.dedup();
        assert_eq!(tokens.len(), ReportSource::ALL.len());
        for s in ReportSource::ALL {
            assert_eq!(ReportSource::parse(s.as_str()), Some(*s));
            assert_eq!(s.as_str().parse::<ReportSource>(), Ok(*s));
            assert_eq!(s.to_string(), s.label());
            assert_eq!(
                serde_json::to_string(s).ok(),
                Some(format!("\"{}\"", s.as_str()))
            );
            assert_eq!(
                serde_json::from_str::<ReportSource>(&format!("\"{}\"", s.as_str())).ok(),
                Some(*s)
            );
        }
        for unknown in ["", "hmicfrs", "HMICFRS_POLICE", "iopc ", "coroners"] {
            assert_eq!(ReportSource::parse(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn a_source_gives_back_the_record_source_and_body_kind_it_came_from() {
        for source in Source::ALL {
            for kind in BodyKind::ALL {
                let s = ReportSource::of(*source, *kind);
                let (back, body) = s.source_and_body_kind();
                assert_eq!(back, *source);
                assert!(body.is_none_or(|b| b == *kind), "{s:?} {kind:?}");
                assert_eq!(body.is_some(), *source == Source::Hmicfrs);
                assert!(s.matches(*source, *kind));
            }
        }
        assert!(!ReportSource::HmicfrsFire.matches(Source::Hmicfrs, BodyKind::PoliceForce));
        assert!(!ReportSource::Iopc.matches(Source::Coroner, BodyKind::PoliceForce));
        // Every source is reached by some report.
        for s in ReportSource::ALL {
            let (source, body) = s.source_and_body_kind();
            assert_eq!(
                ReportSource::of(source, body.unwrap_or(BodyKind::PoliceForce)),
                *s
            );
        }
    }
}
