//! The API described: the OpenAPI 3.1 document at `/api/openapi.json`, generated from the
//! handlers' annotations and what every operation shares (`shared`), with the public open
//! data beside them (whose schema is the one `/data/schema/edition.json` serves), and a page
//! for people at `/api` read from it.

mod shared;

use std::sync::LazyLock;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde_json::{Value, json};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::AppState;
use crate::auth::SessionUser;
use crate::domain::edition::open_data;
use crate::views::api_docs::{Operation, api_docs_page};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Scrutineer API",
        version = "1",
        description = "Read the progress record and send progress updates, milestone date \
            proposals, assessments and inspectorate positions, as the token's user may. The \
            published open data is described here too. See /api for a guide."
    ),
    components(schemas(super::Problem, super::problem::FieldProblem)),
    tags(
        (name = "Records", description = "The record as the token's user may see it."),
        (name = "Changes", description = "Changes, made as on the pages and audited."),
        (name = "Open data", description = "What the office has published: no token needed."),
    )
)]
struct ApiDoc;

/// The whole document, built once.
pub fn document() -> &'static Value {
    static DOCUMENT: LazyLock<Value> = LazyLock::new(build);
    &DOCUMENT
}

fn build() -> Value {
    let mut doc = ApiDoc::openapi();
    doc.merge(super::read::ReadApi::openapi());
    doc.merge(super::write::WriteApi::openapi());
    let bearer = HttpBuilder::new()
        .scheme(HttpAuthScheme::Bearer)
        .description(Some(
            "A personal API token (scr_…), made at /account/api-tokens.",
        ))
        .build();
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    }
    let mut doc = serde_json::to_value(doc).unwrap_or_default();
    shared::add(&mut doc);
    add_open_data(&mut doc);
    doc
}

/// The public files, described by hand beside the generated operations: their schema is
/// the edition's JSON Schema (draft 2020-12, the dialect OpenAPI 3.1 uses).
fn add_open_data(doc: &mut Value) {
    let mut edition: Value = serde_json::from_str(open_data::SCHEMA).unwrap_or_default();
    if let Some(schema) = edition.as_object_mut() {
        // Its own identifiers would move the base of references inside the document.
        schema.remove("$schema");
        schema.remove("$id");
    }
    doc["components"]["schemas"]["Edition"] = edition;
    let file = |summary: &str, content: Value| {
        json!({ "get": {
            "tags": ["Open data"],
            "summary": summary,
            "security": [],
            "responses": {
                "200": { "description": summary, "content": content },
                "404": { "description": "No edition has been published, or there is no such file." }
            }
        }})
    };
    let edition_json = || {
        json!({ "application/json": {
        "schema": { "$ref": "#/components/schemas/Edition" } } })
    };
    let text = |media: &str| json!({ media: { "schema": { "type": "string" } } });
    let paths = &mut doc["paths"];
    paths["/data/latest.json"] = file("The latest published edition, as JSON", edition_json());
    paths["/data/latest.csv"] = file("The latest published edition, as CSV", text("text/csv"));
    let mut numbered = file(
        "A published edition as it was published (`N.json` or `N.csv`)",
        json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Edition" } },
                "text/csv": { "schema": { "type": "string" } } }),
    );
    numbered["get"]["parameters"] = json!([{
        "name": "file", "in": "path", "required": true,
        "description": "The edition's number and format, e.g. `3.json`.",
        "schema": { "type": "string", "pattern": "^[0-9]+\\.(json|csv)$" }
    }]);
    paths["/data/editions/{file}"] = numbered;
    paths[open_data::SCHEMA_PATH] = file(
        "The JSON Schema of the open data",
        json!({ "application/schema+json": { "schema": { "type": "object" } } }),
    );
    paths["/feeds/editions.atom"] = file(
        "Editions and published progress updates, as an Atom feed",
        text("application/atom+xml"),
    );
    paths["/feeds/public.ics"] = file(
        "Public meetings and milestone dates, as an iCalendar feed",
        text("text/calendar"),
    );
}

pub async fn openapi() -> Response {
    let body = serde_json::to_string_pretty(document()).unwrap_or_default();
    let headers = [
        (header::CONTENT_TYPE, "application/json"),
        (header::CACHE_CONTROL, "public, max-age=300"),
    ];
    (headers, body).into_response()
}

/// The guide: how to authenticate, page, repeat safely and read errors, then every
/// operation from the document.
pub async fn page(State(state): State<AppState>, user: SessionUser) -> Markup {
    let chrome = super::super::chrome(&state, user.0.as_ref());
    let base = state.security.site_address().base_url();
    api_docs_page(&chrome, &base, &operations(document()))
}

/// Every operation of the document, in its order, as plain data for the page.
fn operations(doc: &Value) -> Vec<Operation> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut out = Vec::new();
    let Some(paths) = doc["paths"].as_object() else {
        return out;
    };
    for (path, item) in paths {
        let Some(methods) = item.as_object() else {
            continue;
        };
        for (method, op) in methods {
            let parameters = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| (text(&p["name"]), text(&p["in"]), text(&p["description"])))
                        .collect()
                })
                .unwrap_or_default();
            let body = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .and_then(|r| r.rsplit('/').next())
                .map(str::to_string);
            let responses = op["responses"]
                .as_object()
                .map(|rs| {
                    rs.iter()
                        .map(|(code, r)| (code.clone(), text(&r["description"])))
                        .collect()
                })
                .unwrap_or_default();
            out.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: text(&op["summary"]),
                description: text(&op["description"]),
                token: !op["security"].as_array().is_some_and(|s| s.is_empty()),
                parameters,
                body,
                responses,
            });
        }
    }
    out
}
