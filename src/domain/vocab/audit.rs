//! The audit log's vocabulary: what an event is about and what was done. The schema refuses
//! any other token (migrations 0009, 0017, 0022, 0024, 0025, 0031 and 0032), so a misspelt entity cannot slip into the chain.

vocabulary! {
    /// The kind of record an audit event is about.
    Entity {
        Inspection = "inspection" => "Inspection",
        InspectedBody = "inspected_body" => "Inspected body",
        Finding = "finding" => "Finding",
        ActionItem = "action_item" => "Action-plan item",
        Milestone = "milestone" => "Milestone",
        MilestoneRevision = "milestone_revision" => "Milestone revision",
        RevisionProposal = "revision_proposal" => "Revision proposal",
        ProgressUpdate = "progress_update" => "Progress update",
        Assessment = "assessment" => "PCC assessment",
        InspectoratePosition = "inspectorate_position" => "Inspectorate position",
        PerformanceMeasure = "performance_measure" => "Performance measure",
        MeasureReading = "measure_reading" => "Measure reading",
        Meeting = "meeting" => "Meeting",
        AgendaItem = "agenda_item" => "Agenda item",
        ActionArising = "action_arising" => "Action arising",
        UpdateRequest = "update_request" => "Update request",
        MeetingPack = "meeting_pack" => "Meeting pack",
        Edition = "edition" => "Edition",
        CalendarFeed = "calendar_feed" => "Calendar subscription",
        User = "user" => "User account",
        Settings = "settings" => "Settings",
        ExampleData = "example_data" => "Example data",
        ApiToken = "api_token" => "API token",
        ResponseRule = "response_rule" => "Response rule",
        ClockExtension = "clock_extension" => "Extension",
        ClockResponse = "clock_response" => "Response sent",
        Theme = "theme" => "Theme",
        ReportPackage = "report_package" => "Report package",
    }
}

vocabulary! {
    /// What was done to the record.
    AuditAction {
        Create = "create" => "Created",
        Update = "update" => "Updated",
        Import = "import" => "Imported",
        Load = "load" => "Loaded",
        Met = "met" => "Marked met",
        Accept = "accept" => "Accepted",
        Reject = "reject" => "Rejected",
        Correct = "correct" => "Corrected",
        Block = "block" => "Marked blocked",
        Unblock = "unblock" => "Unblocked",
        RecordSection55 = "record_section_55" => "Section 55 response recorded",
        RecordResponse = "record_response" => "Response position recorded",
        ApproveSummary = "approve_summary" => "Public summary approved",
        WithdrawSummary = "withdraw_summary" => "Public summary withdrawn",
        Publish = "publish" => "Published",
        Revoke = "revoke" => "Revoked",
        Disable = "disable" => "Disabled",
        Enable = "enable" => "Enabled",
        ResetPassword = "reset_password" => "Password reset",
        ChangePassword = "change_password" => "Password changed",
        Merge = "merge" => "Merged",
        Rename = "rename" => "Renamed",
        RecordReview = "record_review" => "Action plan review recorded",
        Remove = "remove" => "Removed",
        Withdraw = "withdraw" => "Withdrawn",
        Restore = "restore" => "Restored",
        MarkReady = "mark_ready" => "Marked ready for publication",
        UnmarkReady = "unmark_ready" => "Marked not ready for publication",
        Release = "release" => "Released to the public site",
        Unrelease = "unrelease" => "Taken off the public site",
        Tag = "tag" => "Themes changed",
    }
}
