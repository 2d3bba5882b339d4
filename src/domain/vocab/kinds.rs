//! Kind vocabularies: roles, and the kinds and categories of things in the record.

vocabulary! {
    /// What a signed-in person may do.
    Role {
        Admin = "admin" => "Administrator",
        Office = "office" => "PCC office",
        Force = "force" => "Force liaison",
        Panel = "panel" => "Scrutiny panel",
    }
}

impl Role {
    /// PCC office staff, including the system owner.
    pub fn is_office(&self) -> bool {
        matches!(self, Self::Admin | Self::Office)
    }

    /// Who may create and edit inspections, findings, actions, meetings and publish.
    pub fn can_edit_record(&self) -> bool {
        self.is_office()
    }

    /// Who may manage user accounts and settings.
    pub fn can_manage_users(&self) -> bool {
        matches!(self, Self::Admin)
    }

    /// Who may submit progress updates and propose milestone revisions.
    pub fn can_submit_updates(&self) -> bool {
        matches!(self, Self::Admin | Self::Office | Self::Force)
    }

    /// Who may read every reason behind the PCC office's assurance judgements (rationale,
    /// evidence seen, who assessed). The force being judged sees the rating, its date and
    /// only the rationales the office marked as shared.
    pub fn sees_assurance_reasons(&self) -> bool {
        !matches!(self, Self::Force)
    }
}

vocabulary! {
    /// What sort of item in a report the force must act on.
    FindingKind {
        CauseOfConcern = "cause_of_concern" => "Cause of concern",
        Recommendation = "recommendation" => "Recommendation",
        AreaForImprovement = "area_for_improvement" => "Area for improvement",
    }
}

vocabulary! {
    /// When a report says a finding must be acted on.
    Timescale {
        Immediately = "immediately" => "Immediately",
        Within3Months = "within_3_months" => "Within 3 months",
        Within6Months = "within_6_months" => "Within 6 months",
        ByDate = "by_date" => "By a stated date",
        NoTimescale = "none" => "No timescale",
        /// The report's timescale was not recorded when the finding was entered: unknown,
        /// which is not the same as a report that gives none. No due date follows from it.
        NotStated = "not_stated" => "Not stated",
    }
}

impl Timescale {
    /// How the record stores a timescale: the column token and the "not stated" flag. The
    /// schema's column check predates `not_stated`, so it is stored as `none` with the flag set
    /// (migration 0028).
    pub fn stored(self) -> (Self, bool) {
        match self {
            Self::NotStated => (Self::NoTimescale, true),
            other => (other, false),
        }
    }

    /// The timescale a stored column token and "not stated" flag stand for.
    pub fn from_stored(column: Self, not_stated: bool) -> Self {
        if not_stated && column == Self::NoTimescale {
            Self::NotStated
        } else {
            column
        }
    }
}

vocabulary! {
    /// The type of inspection report.
    InspectionKind {
        ChildProtection = "child_protection" => "Child protection",
        Peel = "peel" => "PEEL",
        JointCustody = "joint_custody" => "Joint custody",
        Thematic = "thematic" => "Thematic or national",
        Fire = "fire" => "Fire and rescue",
        Other = "other" => "Other",
    }
}

vocabulary! {
    /// Who produced the report. An HMICFRS report is a police or a fire and rescue
    /// inspection by the kind of body it is about (see [`ReportSource`]).
    Source {
        Hmicfrs = "hmicfrs" => "HMICFRS inspection",
        Iopc = "iopc" => "IOPC learning recommendation",
        Coroner = "coroner" => "Prevention of future deaths report",
        InternalAudit = "internal_audit" => "Internal audit",
        Inquiry = "inquiry" => "Inquiry or review",
        SuperComplaint = "super_complaint" => "Super-complaint",
        PeerReview = "peer_review" => "Peer review",
        Other = "other" => "Other",
    }
}

vocabulary! {
    /// The forum in which the Chief Constable is held to account.
    MeetingKind {
        AccountabilityBoard = "accountability_board" => "Accountability board",
        PublicAccountabilityMeeting = "public_accountability_meeting"
            => "Public accountability meeting",
        PoliceAndCrimePanel = "police_and_crime_panel" => "Police and Crime Panel",
        Other = "other" => "Other",
    }
}

vocabulary! {
    /// Why a milestone was moved.
    ReasonCategory {
        Resourcing = "resourcing" => "Resourcing",
        NationalDependency = "national_dependency" => "Dependency on a national body",
        ScopeChange = "scope_change" => "Scope change",
        DataIt = "data_it" => "Data or IT",
        Other = "other" => "Other",
    }
}

vocabulary! {
    /// The kind of organisation inspected.
    BodyKind {
        PoliceForce = "police_force" => "Police force",
        FireAndRescueService = "fire_and_rescue_service" => "Fire and rescue service",
        Other = "other" => "Other",
    }
}

vocabulary! {
    /// Which direction of a performance measure is good.
    Better {
        Higher = "higher" => "Higher is better",
        Lower = "lower" => "Lower is better",
    }
}

vocabulary! {
    /// What a performance measure's numbers are, which decides the numbers it accepts.
    Quantity {
        Count = "count" => "A count of things (whole numbers, none below zero)",
        Percentage = "percentage" => "A percentage (0 to 100)",
        Other = "other" => "Another number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_and_office_edit_the_record() {
        let editors: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(Role::can_edit_record)
            .collect();
        assert_eq!(editors, [Role::Admin, Role::Office]);
        assert!(
            Role::ALL
                .iter()
                .all(|r| r.is_office() == r.can_edit_record())
        );
    }

    #[test]
    fn only_admin_manages_users() {
        assert!(Role::Admin.can_manage_users());
        assert!(!Role::Office.can_manage_users());
        assert!(!Role::Force.can_manage_users());
        assert!(!Role::Panel.can_manage_users());
    }

    #[test]
    fn the_force_alone_does_not_see_the_reasons_for_assurance_judgements() {
        assert!(!Role::Force.sees_assurance_reasons());
        for role in [Role::Admin, Role::Office, Role::Panel] {
            assert!(role.sees_assurance_reasons());
        }
    }

    #[test]
    fn the_panel_cannot_submit_updates_but_the_force_can() {
        assert!(Role::Force.can_submit_updates());
        assert!(!Role::Panel.can_submit_updates());
        assert!(!Role::Force.can_edit_record());
    }

    #[test]
    fn labels_read_as_plain_english() {
        assert_eq!(Timescale::ByDate.label(), "By a stated date");
        assert_eq!(Timescale::NoTimescale.as_str(), "none");
        assert_eq!(Timescale::NotStated.label(), "Not stated");
    }

    #[test]
    fn not_stated_is_stored_as_none_with_its_flag_and_read_back_as_itself() {
        for t in Timescale::ALL.iter().copied() {
            let (column, flag) = t.stored();
            assert_ne!(
                column,
                Timescale::NotStated,
                "the column check does not know it"
            );
            assert_eq!(Timescale::from_stored(column, flag), t);
            assert_eq!(flag, t == Timescale::NotStated);
        }
        assert_eq!(
            Timescale::from_stored(Timescale::NoTimescale, false),
            Timescale::NoTimescale
        );
        assert_eq!(ReasonCategory::DataIt.to_string(), "Data or IT");
        assert_eq!(
            Source::Coroner.label(),
            "Prevention of future deaths report"
        );
        assert_eq!(Better::Lower.label(), "Lower is better");
    }
}

vocabulary! {
    /// What an API token may do with its user's rights: only read, or read and write.
    TokenAccess {
        Read = "read" => "Read only",
        ReadWrite = "read_write" => "Read and write",
    }
}

vocabulary! {
    /// The event that starts a response clock.
    ClockStart {
        Publication = "publication" => "The report's publication",
        Sent = "sent" => "The report being sent",
    }
}

vocabulary! {
    /// How a clock's days are counted from the day it starts.
    Counting {
        /// "Within 56 days beginning with" the day: the day itself is the first of them.
        BeginningWith = "beginning_with" => "Beginning with that day",
        /// "Within 28 days of" the day: counted from the day after.
        After = "after" => "From the day after",
    }
}

vocabulary! {
    /// What an evidence file is, judged by its content (never by its name).
    EvidenceKind {
        Pdf = "pdf" => "PDF",
        Word = "word" => "Word document",
        WordLegacy = "doc" => "Word 97–2003 document",
        Excel = "excel" => "Excel spreadsheet",
        ExcelLegacy = "xls" => "Excel 97–2003 spreadsheet",
        PowerPoint = "powerpoint" => "PowerPoint presentation",
        PowerPointLegacy = "ppt" => "PowerPoint 97–2003 presentation",
        OdfText = "odt" => "OpenDocument text",
        OdfSpreadsheet = "ods" => "OpenDocument spreadsheet",
        OdfPresentation = "odp" => "OpenDocument presentation",
        Png = "png" => "PNG image",
        Jpeg = "jpeg" => "JPEG image",
        Csv = "csv" => "CSV file",
        Text = "text" => "Text file",
        Email = "email" => "Email (.eml)",
    }
}

vocabulary! {
    /// How long an evidence file is kept: the office's records retention schedule.
    RetentionClass {
        /// Six years from the end of the financial year it was attached in.
        Supporting = "supporting" => "Supporting document (six years from the end of the financial year)",
        /// Minutes, decision records and statutory responses.
        Permanent = "permanent" => "Kept permanently (minutes, decisions, statutory responses)",
    }
}

vocabulary! {
    /// The kind of record an evidence file is attached to.
    AttachedTo {
        Update = "update" => "Progress update",
        Assessment = "assessment" => "PCC assessment",
        Position = "position" => "Inspectorate position",
        Meeting = "meeting" => "Meeting",
        Inspection = "inspection" => "Inspection",
    }
}

vocabulary! {
    /// Why a message was sent.
    MailKind {
        RoundRequest = "round_request" => "Update request",
        RoundReminder = "round_reminder" => "Update request reminder",
        RoundEscalation = "round_escalation" => "Escalation to the chief officer lead",
        Reminders = "reminders" => "Reminders",
        Digest = "digest" => "Weekly digest",
        SubscriptionConfirm = "subscription_confirm" => "Subscription confirmation",
        EditionNotice = "edition_notice" => "New edition notice",
    }
}

vocabulary! {
    /// Where a message is: waiting to be handed to the SMTP server, accepted by it, or given up.
    MailStatus {
        Queued = "queued" => "Queued",
        Sent = "sent" => "Sent",
        Failed = "failed" => "Failed",
    }
}

vocabulary! {
    /// A round's escalation ladder: the request, a reminder before the return-by date, then
    /// escalation to the body's chief officer lead for what did not arrive.
    ChaseStep {
        Request = "request" => "Request",
        Reminder = "reminder" => "Reminder",
        Escalation = "escalation" => "Escalation to the chief officer lead",
    }
}

vocabulary! {
    /// What a reminder is about.
    ReminderKind {
        DueSoon = "due_soon" => "Milestone due soon",
        Overdue = "overdue" => "Milestone overdue",
        ArisingOverdue = "arising_overdue" => "Action arising overdue",
        Stale = "stale" => "No update for a while",
    }
}

vocabulary! {
    /// What a member of the public follows.
    SubscriptionScope {
        Site = "site" => "The whole progress site",
        Body = "body" => "One inspected body",
        Inspection = "inspection" => "One inspection",
    }
}
