//! What a list request may ask for: the query parameters, documented for OpenAPI, and
//! `Params`, which reads them by name and names the one to fix when a value cannot be read.

use chrono::NaiveDate;
use utoipa::IntoParams;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use crate::db::api::{FindingFilter, Rows};
use crate::domain::api::PageRequest;
use crate::domain::dashboard::filters::{NO_UPDATE, NOT_ASSESSED, NOT_RECORDED};
use crate::domain::vocab::{Assurance, FindingKind, InspectoratePosition, Rag};
use crate::handlers::api::Problem;

/// The page parameters every list takes.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string, which `Params` reads
pub struct PageParams {
    /// The `next_cursor` of the page before; the first page if left out.
    cursor: Option<String>,
    /// How many items a page holds: 1 to 500, 100 if left out.
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// Narrow a list to some of the caller's bodies (repeatable); never widens what it may see.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct BodyParams {
    /// An inspected body's id; repeat the parameter for several.
    #[param(style = Form, explode)]
    body: Option<Vec<i64>>,
}

/// The filters of the dashboards' findings list, with the same names and tokens.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FindingParams {
    /// Only the findings of this inspection.
    inspection: Option<i64>,
    /// Only findings of this kind.
    kind: Option<FindingKind>,
    /// Part of the area's name, in any case.
    area: Option<String>,
    #[param(schema_with = rag_filter)]
    rag: Option<String>,
    #[param(schema_with = assurance_filter)]
    assurance: Option<String>,
    #[param(schema_with = position_filter)]
    position: Option<String>,
}

/// A voice filter's schema: the vocabulary's tokens and the one for "none yet".
fn tokens(mut all: Vec<&'static str>, none: &'static str, about: &str) -> RefOr<Schema> {
    all.push(none);
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(all))
        .description(Some(format!("{about}, or `{none}` for none yet.")))
        .into()
}

fn rag_filter() -> RefOr<Schema> {
    let all = Rag::ALL.iter().map(Rag::as_str).collect();
    tokens(all, NO_UPDATE, "The force's position (RAG)")
}

fn assurance_filter() -> RefOr<Schema> {
    let all = Assurance::ALL.iter().map(Assurance::as_str).collect();
    tokens(all, NOT_ASSESSED, "The PCC office's assurance")
}

fn position_filter() -> RefOr<Schema> {
    let all = InspectoratePosition::ALL.iter();
    tokens(
        all.map(InspectoratePosition::as_str).collect(),
        NOT_RECORDED,
        "The inspectorate's position",
    )
}

/// An action list's filter besides the bodies.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ActionParams {
    /// Only the items addressing this finding.
    finding: Option<i64>,
}

/// The updates list's filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct UpdateParams {
    /// Only the updates on this action-plan item.
    action: Option<i64>,
    /// Only the updates posted on this finding itself (not those on its actions).
    finding: Option<i64>,
    /// Only the updates describing the position on this day or later (YYYY-MM-DD).
    since: Option<NaiveDate>,
}

/// A list request's query string, read by name; a value that cannot be read is a 422 naming
/// its parameter (the dashboards ignore one, but a system should hear of its mistake).
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn of(raw: Option<String>) -> Self {
        let raw = raw.unwrap_or_default();
        Self(
            form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The last value given for `name`, unless empty.
    fn last(&self, name: &str) -> Option<&str> {
        let values = self.0.iter().filter(|(k, _)| k == name);
        values.map(|(_, v)| v.trim()).rfind(|v| !v.is_empty())
    }

    fn page(&self) -> Result<PageRequest, Problem> {
        crate::handlers::api::page(self.last("cursor"), self.last("limit"))
    }

    pub fn rows(&self) -> Result<(PageRequest, Rows), Problem> {
        let page = self.page()?;
        let rows = Rows {
            after: page.after,
            fetch: Some(page.fetch()),
        };
        Ok((page, rows))
    }

    pub fn id(&self, name: &'static str) -> Result<Option<i64>, Problem> {
        self.last(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| Problem::field(name, "Send a record's id"))
            })
            .transpose()
    }

    /// Every `body` given (the parameter repeats).
    pub fn bodies(&self) -> Result<Vec<i64>, Problem> {
        let values = self
            .0
            .iter()
            .filter(|(k, v)| k == "body" && !v.trim().is_empty());
        let bodies = values.map(|(_, v)| v.trim().parse::<i64>());
        bodies
            .collect::<Result<_, _>>()
            .map_err(|_| Problem::field("body", "Send an inspected body's id"))
    }

    /// A vocabulary token, or `none` for "no value yet" when one is given.
    fn token<T>(
        &self,
        name: &'static str,
        all: &[T],
        as_str: fn(&T) -> &'static str,
        none: Option<&'static str>,
    ) -> Result<Option<Option<T>>, Problem>
    where
        T: Copy,
    {
        let Some(value) = self.last(name) else {
            return Ok(None);
        };
        if none == Some(value) {
            return Ok(Some(None));
        }
        if let Some(t) = all.iter().find(|t| as_str(t) == value) {
            return Ok(Some(Some(*t)));
        }
        let mut allowed: Vec<&str> = all.iter().map(as_str).collect();
        allowed.extend(none);
        Err(Problem::field(
            name,
            format!("Send one of: {}", allowed.join(", ")),
        ))
    }

    pub fn date(&self, name: &'static str) -> Result<Option<NaiveDate>, Problem> {
        self.last(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| Problem::field(name, "Send a date as YYYY-MM-DD"))
            })
            .transpose()
    }

    pub fn findings(&self) -> Result<FindingFilter, Problem> {
        Ok(FindingFilter {
            bodies: self.bodies()?,
            inspection: self.id("inspection")?,
            kind: self
                .token("kind", FindingKind::ALL, FindingKind::as_str, None)?
                .flatten(),
            area: self.last("area").map(|a| a.chars().take(200).collect()),
            rag: self.token("rag", Rag::ALL, Rag::as_str, Some(NO_UPDATE))?,
            assurance: self.token(
                "assurance",
                Assurance::ALL,
                Assurance::as_str,
                Some(NOT_ASSESSED),
            )?,
            position: self.token(
                "position",
                InspectoratePosition::ALL,
                InspectoratePosition::as_str,
                Some(NOT_RECORDED),
            )?,
        })
    }
}
