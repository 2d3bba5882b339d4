//! Status vocabularies: the force's RAG, the PCC's assurance, the inspectorate's position,
//! and where milestones, meetings, responses, proposals and actions arising have got to.

vocabulary! {
    /// The force's own red/amber/green (and blue for complete) status.
    Rag {
        Green = "green" => "Green – on track",
        Amber = "amber" => "Amber – at risk",
        Red = "red" => "Red – off track",
        Blue = "blue" => "Blue – complete",
    }
}

impl Rag {
    /// The colour alone, for tags where the meaning is given elsewhere.
    pub fn short_label(&self) -> &'static str {
        match self {
            Self::Green => "Green",
            Self::Amber => "Amber",
            Self::Red => "Red",
            Self::Blue => "Blue",
        }
    }
}

vocabulary! {
    /// The PCC office's independent judgement. "Not yet assessed" is `Option::None`.
    Assurance {
        Substantial = "substantial" => "Substantial",
        Reasonable = "reasonable" => "Reasonable",
        Limited = "limited" => "Limited",
        NoAssurance = "none" => "No assurance",
    }
}

/// The label for an assurance level that may not have been assessed yet.
pub fn assurance_label(a: Option<Assurance>) -> &'static str {
    a.map_or("Not yet assessed", |a| a.label())
}

vocabulary! {
    /// HMICFRS's view of a finding.
    InspectoratePosition {
        Open = "open" => "Open",
        Met = "met" => "Met",
        PartiallyMet = "partially_met" => "Partially met",
        Superseded = "superseded" => "Superseded",
        NoLongerRelevant = "no_longer_relevant" => "No longer relevant",
    }
}

vocabulary! {
    /// A milestone's state, computed from its dates (never stored).
    MilestoneState {
        Scheduled = "scheduled" => "Scheduled",
        Met = "met" => "Met",
        MetLate = "met_late" => "Met late",
        Missed = "missed" => "Missed",
    }
}

vocabulary! {
    /// Whether a meeting has happened yet.
    MeetingStatus {
        Planned = "planned" => "Planned",
        Held = "held" => "Held",
    }
}

vocabulary! {
    /// The response to a finding under its report's obligation (for HMICFRS, in the
    /// Commissioner's section 55 comments).
    ResponsePosition {
        Accepted = "accepted" => "Accepted",
        AcceptedInPart = "accepted_in_part" => "Accepted in part",
        NotAccepted = "not_accepted" => "Not accepted",
        UnderConsideration = "under_consideration" => "Under consideration",
        NotAddressed = "not_addressed" => "Not addressed",
        /// Not implemented, the risk accepted: the explanation is the rationale.
        RiskAccepted = "risk_accepted" => "Not implemented – risk accepted",
    }
}

vocabulary! {
    /// Where a proposal to move a milestone has got to.
    ProposalStatus {
        Pending = "pending" => "Pending",
        Accepted = "accepted" => "Accepted",
        Rejected = "rejected" => "Rejected",
    }
}

vocabulary! {
    /// Where an action arising from a meeting has got to.
    ArisingStatus {
        Open = "open" => "Open",
        ResponseReceived = "response_received" => "Response received",
        Closed = "closed" => "Closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_yet_assessed_is_the_absence_of_an_assurance() {
        assert_eq!(assurance_label(None), "Not yet assessed");
        assert_eq!(
            assurance_label(Some(Assurance::NoAssurance)),
            "No assurance"
        );
        assert_eq!(Assurance::NoAssurance.as_str(), "none");
    }

    #[test]
    fn rag_has_a_long_and_a_short_label() {
        assert_eq!(Rag::Amber.label(), "Amber – at risk");
        assert_eq!(Rag::Blue.short_label(), "Blue");
        assert_eq!(Rag::Red.to_string(), "Red – off track");
    }

    #[test]
    fn milestone_states_have_tokens_even_though_they_are_computed() {
        assert_eq!(MilestoneState::MetLate.as_str(), "met_late");
        assert_eq!(MilestoneState::MetLate.label(), "Met late");
        assert_eq!(
            MilestoneState::parse("missed"),
            Some(MilestoneState::Missed)
        );
    }

    #[test]
    fn values_order_as_declared() {
        assert!(Rag::Green < Rag::Amber && Rag::Amber < Rag::Red && Rag::Red < Rag::Blue);
        assert_eq!(Assurance::ALL.first(), Some(&Assurance::Substantial));
    }
}
