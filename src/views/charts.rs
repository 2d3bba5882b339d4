//! Tiny server-rendered SVG charts (no JavaScript): a line chart and a bar chart. Each scales
//! to its container (a `viewBox`, no fixed width), is `role="img"` with a `<title>` and
//! `<desc>` named by `aria-labelledby`, and is meant to sit beside a table of the same figures.
//! Shapes are written with explicit closing tags: inside HTML, a `<line ...>` without one
//! would swallow the elements after it.

use maud::{Markup, html};

const W: f64 = 640.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const COLOURS: [&str; 6] = [
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f",
];
const DASHES: [&str; 6] = ["", "6 3", "2 3", "10 4 2 4", "4 4", "1 2"];

/// One line: a value (or a gap) for each x label.
pub struct Line {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// One bar: from `from` to `to` on the value axis, with an optional marker (a dot).
pub struct Bar {
    pub label: String,
    pub from: f64,
    pub to: f64,
    pub marker: Option<f64>,
}

/// Axis range rounded out to include zero-or-data, never empty.
fn range(values: impl Iterator<Item = f64>, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    (lo, hi)
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn frame(id: &str, title: &str, desc: &str, height: f64, body: Markup) -> Markup {
    html! {
        svg class="app-chart" xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox={ "0 0 " (W) " " (height) } preserveAspectRatio="xMinYMin meet"
            aria-labelledby={ (id) "-title " (id) "-desc" } {
            title id={ (id) "-title" } { (title) }
            desc id={ (id) "-desc" } { (desc) }
            (body)
        }
    }
}

/// A line chart over evenly spaced x labels, with an optional dashed target line. `fmt`
/// writes the value-axis labels.
pub fn line_chart(
    id: &str,
    title: &str,
    desc: &str,
    x_labels: &[String],
    lines: &[Line],
    target: Option<f64>,
    fmt: &dyn Fn(f64) -> String,
) -> Markup {
    let height = 300.0;
    let bottom = height - 70.0;
    let values = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied());
    let (lo, hi) = range(values.chain(target), true);
    let y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - TOP);
    let steps = x_labels.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| LEFT + i as f64 / steps * (W - LEFT - RIGHT);
    let every = x_labels.len().div_ceil(8).max(1);
    let ticks: Vec<f64> = (0..=4)
        .map(|k| lo + (hi - lo) * f64::from(k) / 4.0)
        .collect();
    frame(
        id,
        title,
        desc,
        height,
        html! {
            g class="app-chart__grid" stroke="#b1b4b6" stroke-width="1" {
                @for t in &ticks {
                    line x1=(n(LEFT)) x2=(n(W - RIGHT)) y1=(n(y(*t))) y2=(n(y(*t))) {}
                }
            }
            g font-size="12" fill="#0b0c0c" {
                @for t in &ticks {
                    text x=(n(LEFT - 6.0)) y=(n(y(*t) + 4.0)) text-anchor="end" { (fmt(*t)) }
                }
                @for (i, label) in x_labels.iter().enumerate() {
                    @if i + 1 == x_labels.len() || (i % every == 0 && i + every < x_labels.len()) {
                        @let last = i + 1 == x_labels.len() && i > 0;
                        text x=(n(x(i))) y=(n(bottom + 16.0))
                            text-anchor=(if last { "end" } else { "middle" }) { (label) }
                    }
                }
            }
            @if let Some(t) = target {
                line x1=(n(LEFT)) x2=(n(W - RIGHT)) y1=(n(y(t))) y2=(n(y(t)))
                    stroke="#00703c" stroke-width="2" stroke-dasharray="8 4" {}
            }
            @for (k, l) in lines.iter().enumerate() {
                @let points = l.values.iter().enumerate()
                    .filter_map(|(i, v)| v.map(|v| format!("{},{}", n(x(i)), n(y(v)))))
                    .collect::<Vec<_>>().join(" ");
                polyline points=(points) fill="none" stroke=(COLOURS[k % 6]) stroke-width="2.5"
                    stroke-dasharray=(DASHES[k % 6]) {}
                @for (i, v) in l.values.iter().enumerate() {
                    @if let Some(v) = v {
                        circle cx=(n(x(i))) cy=(n(y(*v))) r="3" fill=(COLOURS[k % 6]) {}
                    }
                }
            }
            g font-size="12" fill="#0b0c0c" {
                @for (k, l) in lines.iter().enumerate() {
                    @let ly = bottom + 36.0 + 16.0 * (k / 2) as f64;
                    @let lx = LEFT + (k % 2) as f64 * 280.0;
                    line x1=(n(lx)) x2=(n(lx + 24.0)) y1=(n(ly - 4.0)) y2=(n(ly - 4.0))
                        stroke=(COLOURS[k % 6]) stroke-width="2.5" stroke-dasharray=(DASHES[k % 6]) {}
                    text x=(n(lx + 30.0)) y=(n(ly)) { (l.label) }
                }
                @if target.is_some() {
                    text x=(n(W - RIGHT)) y=(n(TOP - 4.0)) text-anchor="end" fill="#00703c" {
                        "Dashed green line: target"
                    }
                }
            }
        },
    )
}

/// Horizontal bars, one row each, from `from` to `to`, with an optional dot marker. `fmt`
/// writes the value-axis labels (numbers, or dates for a timeline).
pub fn bar_chart(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    fmt: &dyn Fn(f64) -> String,
) -> Markup {
    let left = 150.0;
    let row = 22.0;
    let height = TOP + row * bars.len().max(1) as f64 + 40.0;
    let bottom = height - 40.0;
    let values = bars
        .iter()
        .flat_map(|b| [b.from, b.to].into_iter().chain(b.marker));
    let (lo, hi) = range(values, false);
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |v: f64| left + (v - lo) / (hi - lo) * (W - left - RIGHT);
    let ticks: Vec<f64> = (0..=4)
        .map(|k| lo + (hi - lo) * f64::from(k) / 4.0)
        .collect();
    frame(
        id,
        title,
        desc,
        height,
        html! {
            g stroke="#b1b4b6" stroke-width="1" {
                @for t in &ticks {
                    line x1=(n(x(*t))) x2=(n(x(*t))) y1=(n(TOP)) y2=(n(bottom)) {}
                }
            }
            g font-size="12" fill="#0b0c0c" {
                @for t in &ticks {
                    text x=(n(x(*t))) y=(n(bottom + 16.0)) text-anchor="middle" { (fmt(*t)) }
                }
                @for (i, b) in bars.iter().enumerate() {
                    @let top = TOP + row * i as f64;
                    text x=(n(left - 6.0)) y=(n(top + 15.0)) text-anchor="end" { (b.label) }
                    @let (a, z) = (x(b.from.min(b.to)), x(b.from.max(b.to)));
                    rect x=(n(a)) y=(n(top + 4.0)) width=(n((z - a).max(2.0))) height="14"
                        fill="#1d70b8" {}
                    @if let Some(m) = b.marker {
                        circle cx=(n(x(m))) cy=(n(top + 11.0)) r="5" fill="#00703c"
                            stroke="#fff" stroke-width="1.5" {}
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_chart_is_an_accessible_scalable_svg_with_escaped_text() {
        let svg = line_chart(
            "c1",
            "Open <findings>",
            "Falls & rises",
            &["Jan".into(), "Feb".into()],
            &[Line {
                label: "R&D".into(),
                values: vec![Some(3.0), Some(1.0)],
            }],
            Some(2.0),
            &|v| format!("{v:.0}"),
        )
        .into_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("viewBox=\"0 0 640 300\""));
        assert!(!svg.contains("width=\"640"));
        assert!(svg.contains("Open &lt;findings&gt;"));
        assert!(svg.contains("R&amp;D"));
        assert!(svg.contains("polyline"));
        // Every shape is closed, or the HTML parser nests what follows inside it.
        for shape in ["line", "polyline", "circle"] {
            let opened = svg.matches(&format!("<{shape} ")).count();
            assert!(opened > 0);
            assert_eq!(
                opened,
                svg.matches(&format!("</{shape}>")).count(),
                "{shape}"
            );
        }
    }

    #[test]
    fn bars_and_markers_are_drawn_even_for_a_single_value() {
        let svg = bar_chart(
            "c2",
            "Dates",
            "One bar",
            &[Bar {
                label: "M1".into(),
                from: 5.0,
                to: 5.0,
                marker: Some(5.0),
            }],
            &|v| format!("{v:.0}"),
        )
        .into_string();
        assert!(svg.contains("<rect"));
        assert!(svg.contains("<circle"));
        assert!(!svg.contains("NaN"));
    }
}
