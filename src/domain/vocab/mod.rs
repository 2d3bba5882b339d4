//! The status vocabularies: each enum's database/JSON token (as in the schema's `check`
//! constraints) and its plain-English label for screens.

/// Declares a vocabulary enum whose token is the same in the database, in JSON and in URLs,
/// with `as_str`, `label`, `ALL`, `parse`, a `Display` that prints the label, and its OpenAPI
/// schema (a string, one of the tokens).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $token:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[sqlx(type_name = "TEXT")]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[sqlx(rename = $token)]
                #[serde(rename = $token)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The token stored in the database and used in JSON and forms.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $token,)+
                }
            }

            /// Plain English for screens, in sentence case.
            pub fn label(&self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            /// The value for a token, or `None` if the token is unknown.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($token => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        /// In the API's OpenAPI document: a string, one of the tokens.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($token),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

mod audit;
mod kinds;
mod status;

pub use audit::*;
pub use kinds::*;
pub use status::*;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Tokens and labels of every vocabulary, for checks that apply to all of them.
    macro_rules! every_vocabulary {
        ($($name:ident),+ $(,)?) => {
            vec![$((
                stringify!($name),
                $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
                $name::ALL.iter().map(|v| v.label()).collect::<Vec<_>>(),
                $name::ALL
                    .iter()
                    .all(|v| $name::parse(v.as_str()) == Some(*v) && v.to_string() == v.label()),
                $name::ALL.iter().all(|v| {
                    serde_json::to_string(v).ok() == Some(format!("\"{}\"", v.as_str()))
                        && serde_json::from_str::<$name>(&format!("\"{}\"", v.as_str())).ok()
                            == Some(*v)
                }),
            )),+]
        };
    }

    /// (name, tokens, labels, round-trips through parse and Display, JSON token is the token)
    type Summary = (
        &'static str,
        Vec<&'static str>,
        Vec<&'static str>,
        bool,
        bool,
    );

    fn vocabularies() -> Vec<Summary> {
        every_vocabulary!(
            Role,
            Rag,
            Assurance,
            InspectoratePosition,
            MilestoneState,
            FindingKind,
            Timescale,
            InspectionKind,
            Source,
            MeetingKind,
            MeetingStatus,
            ResponsePosition,
            ReasonCategory,
            ProposalStatus,
            ArisingStatus,
            BodyKind,
            Better,
            Quantity,
            TokenAccess,
            ClockStart,
            Counting,
            EvidenceKind,
            RetentionClass,
            AttachedTo,
            MailKind,
            MailStatus,
            ChaseStep,
            ReminderKind,
            SubscriptionScope,
            Entity,
            AuditAction,
        )
    }

    /// Every `in ('a', 'b', ...)` list of the schema's check constraints.
    fn schema_token_sets() -> Vec<BTreeSet<String>> {
        let schema = [
            include_str!("../../../migrations/0001_create_schema.sql"),
            include_str!("../../../migrations/0009_check_audit_vocabulary.sql"),
            include_str!("../../../migrations/0017_bodies_and_scopes.sql"),
            include_str!("../../../migrations/0022_go_live.sql"),
            include_str!("../../../migrations/0024_withdrawals.sql"),
            include_str!("../../../migrations/0025_ready_for_publication.sql"),
            include_str!("../../../migrations/0030_measure_quantity_and_baseline_date.sql"),
            include_str!("../../../migrations/0031_create_api_tokens.sql"),
            include_str!("../../../migrations/0032_sources_and_clocks.sql"),
            include_str!("../../../migrations/0033_report_packages.sql"),
            include_str!("../../../migrations/0034_evidence_files.sql"),
            include_str!("../../../migrations/0035_mail.sql"),
        ]
        .concat();
        schema
            .split(" in")
            .skip(1)
            .filter_map(|rest| rest.trim_start().strip_prefix('('))
            .filter_map(|rest| rest.split(')').next())
            .filter(|list| list.trim_start().starts_with('\''))
            .map(|list| {
                list.split(',')
                    .map(|t| t.trim().trim_matches('\'').to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_token_parses_back_to_its_value_and_display_is_the_label() {
        for (name, _, _, round_trips, _) in vocabularies() {
            assert!(round_trips, "{name} does not round-trip");
        }
    }

    #[test]
    fn json_uses_the_same_token_as_the_database() {
        for (name, _, _, _, json_matches) in vocabularies() {
            assert!(json_matches, "{name} JSON differs from its token");
        }
    }

    #[test]
    fn tokens_and_labels_are_unique_within_each_vocabulary() {
        for (name, tokens, labels, _, _) in vocabularies() {
            assert_eq!(
                tokens.iter().collect::<BTreeSet<_>>().len(),
                tokens.len(),
                "{name}"
            );
            assert_eq!(
                labels.iter().collect::<BTreeSet<_>>().len(),
                labels.len(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_stored_vocabulary_matches_a_check_constraint_in_the_schema() {
        let sets = schema_token_sets();
        for (name, tokens, _, _, _) in vocabularies() {
            if name == "MilestoneState" {
                continue; // computed, never stored
            }
            let mut ours: BTreeSet<String> = tokens.iter().map(|t| t.to_string()).collect();
            if name == "Timescale" {
                // "not stated" is stored as `none` with a flag (migration 0028).
                ours = Timescale::ALL
                    .iter()
                    .map(|t| t.stored().0.as_str().to_string())
                    .collect();
                assert!(!ours.contains("not_stated"));
            }
            assert!(
                sets.contains(&ours),
                "{name} tokens {ours:?} not in the schema"
            );
        }
    }

    #[test]
    fn labels_are_sentence_case() {
        for (name, _, labels, _, _) in vocabularies() {
            for label in labels {
                assert!(label.starts_with(char::is_uppercase), "{name}: {label}");
            }
        }
    }

    #[test]
    fn unknown_tokens_and_labels_do_not_parse() {
        assert_eq!(Rag::parse("Green"), None);
        assert_eq!(Rag::parse(""), None);
        assert_eq!(Assurance::parse("No assurance"), None);
        assert_eq!(
            Timescale::parse("within_3_months"),
            Some(Timescale::Within3Months)
        );
    }

    #[tokio::test]
    async fn tokens_round_trip_through_sqlite() -> Result<(), sqlx::Error> {
        use sqlx::Connection;
        let mut db = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
        let stored: String = sqlx::query_scalar("select ?")
            .bind(InspectoratePosition::PartiallyMet)
            .fetch_one(&mut db)
            .await?;
        assert_eq!(stored, "partially_met");
        let read: Assurance = sqlx::query_scalar("select 'none'")
            .fetch_one(&mut db)
            .await?;
        assert_eq!(read, Assurance::NoAssurance);
        Ok(())
    }
}
