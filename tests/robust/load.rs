//! Write load for the real binary: signed-in writers posting progress updates and attaching
//! evidence files, each with a unique marker, noting which ones the server acknowledged.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::StatusCode;

use crate::support::Browser;

#[derive(Debug, Default)]
pub struct Outcome {
    /// Markers of the updates the server answered with 303, in the order acknowledged.
    pub acknowledged: Vec<String>,
    /// Markers of the evidence files the server answered with 303 (each file's name, and
    /// its content too).
    pub files: Vec<String>,
    /// Answers other than 303 (a connection refused by a killed server is not one).
    pub unexpected: Vec<String>,
}

/// Writers started by [`start`]; stop them, or let them run until the server goes away.
pub struct Load {
    pub outcome: Arc<Mutex<Outcome>>,
    stop: Arc<AtomicBool>,
    writers: Vec<tokio::task::JoinHandle<()>>,
}

/// One writer per email, signed in to `base`; markers are `{label} c{n} n{i}`.
pub async fn start(base: &str, emails: &[String], label: &str) -> Load {
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for (n, email) in emails.iter().enumerate() {
        let mut browser = Browser::new(base, None);
        browser.sign_in(email).await.expect("sign in");
        let (outcome, stop) = (outcome.clone(), stop.clone());
        let label = label.to_string();
        writers.push(tokio::spawn(async move {
            write(browser, format!("{label} c{n}"), outcome, stop).await;
        }));
    }
    Load {
        outcome,
        stop,
        writers,
    }
}

impl Load {
    /// What has been acknowledged so far.
    pub fn acknowledged(&self) -> Vec<String> {
        self.outcome.lock().expect("lock").acknowledged.clone()
    }

    /// Wait (up to 30 s) until the server has acknowledged at least one write.
    pub async fn wait_for_a_write(&self) {
        let started = std::time::Instant::now();
        while self.acknowledged().is_empty() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "no write was acknowledged within 30 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    /// Wait for the writers (stopping them first if `stop`) and return what they saw.
    pub async fn finish(self, stop: bool) -> Outcome {
        if stop {
            self.stop.store(true, Ordering::SeqCst);
        }
        for writer in self.writers {
            writer.await.expect("writer");
        }
        Arc::try_unwrap(self.outcome)
            .expect("one owner")
            .into_inner()
            .expect("lock")
    }
}

async fn write(
    mut browser: Browser,
    tag: String,
    outcome: Arc<Mutex<Outcome>>,
    stop: Arc<AtomicBool>,
) {
    for i in 0.. {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let marker = format!("{tag} n{i}");
        // Every third write attaches a file (a few hundred kilobytes, so a kill can land in
        // the middle of one) to one of the example's updates.
        let (path, answer) = if i % 3 == 2 {
            let path = format!("/updates/{}/evidence", 1 + i % 5);
            (path.clone(), upload(&mut browser, &path, &marker).await)
        } else {
            let path = format!("/actions/{}/updates", 1 + i % 3);
            let fields = [
                ("as_at_day", "1"),
                ("as_at_month", "3"),
                ("as_at_year", "2026"),
                ("rag", "green"),
                ("narrative", marker.as_str()),
            ];
            (path.clone(), browser.post(&path, &fields).await)
        };
        match answer {
            Ok(r) if r.status == StatusCode::SEE_OTHER => {
                let mut seen = outcome.lock().expect("lock");
                match i % 3 {
                    2 => seen.files.push(marker),
                    _ => seen.acknowledged.push(marker),
                }
            }
            Ok(r) => {
                let problem = format!("{path}: {}", r.status);
                outcome.lock().expect("lock").unexpected.push(problem);
                return;
            }
            // The server was killed or stopped: this write was never acknowledged.
            Err(_) => return,
        }
    }
}

/// The content of the file [`upload`] attaches for `marker`: the marker, then filler.
pub fn file_content(marker: &str) -> Vec<u8> {
    let mut content = format!("{marker}\n").into_bytes();
    content.extend(std::iter::repeat_n(b"evidence line\n".as_slice(), 20_000).flatten());
    content
}

/// Attach a text file named `{marker}.txt` holding [`file_content`], as the upload form does.
async fn upload(
    browser: &mut Browser,
    path: &str,
    marker: &str,
) -> reqwest::Result<crate::support::Reply> {
    let boundary = "crash-boundary-5e1";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{marker}.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n",
        browser.csrf
    )
    .into_bytes();
    body.extend(file_content(marker));
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let kind = format!("multipart/form-data; boundary={boundary}");
    browser.post_raw(path, &kind, body).await
}
