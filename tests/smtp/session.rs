//! One SMTP conversation: greeting, EHLO/HELO, AUTH PLAIN/LOGIN, any number of
//! MAIL/RCPT/DATA rounds, RSET, NOOP and QUIT, answered as the sink's mode says.

use std::io;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::{Mode, Received, Shared};

const EHLO: &str = "250-scrutineer-sink\r\n250-AUTH PLAIN LOGIN\r\n250-SMTPUTF8\r\n250 8BITMIME";
// "Username:" and "Password:", base64-encoded as AUTH LOGIN asks for them.
const USERNAME: &str = "VXNlcm5hbWU6";
const PASSWORD: &str = "UGFzc3dvcmQ6";

struct Conversation {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    line: Vec<u8>,
}

/// Serves one connection until QUIT, the client goes away or the task is ended.
pub(super) async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    let (reader, writer) = stream.into_split();
    let mut conversation = Conversation {
        reader: BufReader::new(reader),
        writer,
        line: Vec::new(),
    };
    // An error here is the client hanging up mid-way, which ends the conversation and nothing else.
    let _ = conversation.run(&shared).await;
}

impl Conversation {
    async fn run(&mut self, shared: &Shared) -> io::Result<()> {
        self.reply("220 scrutineer-sink ESMTP ready").await?;
        let mut from: Option<String> = None;
        let mut to: Vec<String> = Vec::new();
        loop {
            let command = self.command().await?;
            let (verb, rest) = command.split_once(' ').unwrap_or((&command, ""));
            match verb.to_ascii_uppercase().as_str() {
                "EHLO" => self.reply(EHLO).await?,
                "HELO" => self.reply("250 scrutineer-sink").await?,
                "AUTH" => self.authenticate(rest).await?,
                "MAIL" => match address(rest, "FROM:") {
                    Some(sender) => {
                        from = Some(sender);
                        to.clear();
                        self.reply("250 2.1.0 Ok").await?;
                    }
                    None => self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await?,
                },
                "RCPT" => match (&from, address(rest, "TO:")) {
                    (None, _) => self.reply("503 5.5.1 Error: need MAIL command").await?,
                    (Some(_), Some(recipient)) => {
                        to.push(recipient);
                        self.reply("250 2.1.5 Ok").await?;
                    }
                    (Some(_), None) => self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await?,
                },
                "DATA" if to.is_empty() => self.reply("503 5.5.1 Error: need RCPT command").await?,
                "DATA" => {
                    self.reply("354 End data with <CR><LF>.<CR><LF>").await?;
                    let raw = self.data().await?;
                    let message = Received {
                        from: from.take().unwrap_or_default(),
                        to: std::mem::take(&mut to),
                        raw,
                    };
                    // The mode is read at the final ".", so a test can change it mid-conversation.
                    match shared.mode() {
                        Mode::Accept => {
                            // Recorded before the 250 goes out, so a client that has seen the 250
                            // can rely on `received()` already holding the message.
                            let number = shared.accept(message);
                            self.reply(&format!("250 2.0.0 Ok: queued as {number}"))
                                .await?;
                        }
                        Mode::TempFail => {
                            self.reply("451 4.3.0 Temporary failure, try again later")
                                .await?;
                        }
                        Mode::Reject => self.reply("550 5.7.1 Message rejected").await?,
                        Mode::Stall => return self.ignore_the_rest().await,
                    }
                }
                "RSET" => {
                    from = None;
                    to.clear();
                    self.reply("250 2.0.0 Ok").await?;
                }
                "NOOP" => self.reply("250 2.0.0 Ok").await?,
                "QUIT" => return self.reply("221 2.0.0 Bye").await,
                _ => {
                    self.reply("502 5.5.2 Error: command not recognized")
                        .await?
                }
            }
        }
    }

    /// AUTH PLAIN and AUTH LOGIN, with or without an initial response; any credentials pass.
    async fn authenticate(&mut self, rest: &str) -> io::Result<()> {
        let mut words = rest.split_whitespace();
        let mechanism = words.next().unwrap_or_default().to_ascii_uppercase();
        let challenges: &[&str] = match (mechanism.as_str(), words.next().is_some()) {
            ("PLAIN", true) => &[],
            ("PLAIN", false) => &[""],
            ("LOGIN", true) => &[PASSWORD],
            ("LOGIN", false) => &[USERNAME, PASSWORD],
            _ => {
                return self
                    .reply("504 5.5.4 Unrecognized authentication type")
                    .await;
            }
        };
        for challenge in challenges {
            self.reply(&format!("334 {challenge}")).await?;
            if self.command().await? == "*" {
                return self.reply("501 5.7.0 Authentication cancelled").await;
            }
        }
        self.reply("235 2.7.0 Authentication successful").await
    }

    /// The message after DATA up to the lone ".", with dot-stuffing undone.
    async fn data(&mut self) -> io::Result<String> {
        let mut raw = Vec::new();
        loop {
            self.next_line().await?;
            let line = self.line.as_slice();
            if line == b".\r\n" || line == b".\n" {
                return Ok(String::from_utf8_lossy(&raw).into_owned());
            }
            raw.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        }
    }

    /// Stall mode: never answer again, but notice when the client gives up.
    async fn ignore_the_rest(&mut self) -> io::Result<()> {
        loop {
            self.next_line().await?;
        }
    }

    /// The next command line, without its line ending.
    async fn command(&mut self) -> io::Result<String> {
        self.next_line().await?;
        let line = String::from_utf8_lossy(&self.line);
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }

    /// Reads one line (ending included) into `self.line`; the client hanging up is an error.
    async fn next_line(&mut self) -> io::Result<()> {
        self.line.clear();
        if self.reader.read_until(b'\n', &mut self.line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }

    async fn reply(&mut self, reply: &str) -> io::Result<()> {
        self.writer
            .write_all(format!("{reply}\r\n").as_bytes())
            .await?;
        self.writer.flush().await
    }
}

/// The address in `FROM:<a@b> BODY=8BITMIME` or `TO:<a@b>` (the null sender `<>` is "").
fn address(rest: &str, prefix: &str) -> Option<String> {
    let head = rest.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let path = rest[prefix.len()..].trim_start();
    match path.strip_prefix('<') {
        Some(inside) => inside
            .split_once('>')
            .map(|(address, _)| address.to_owned()),
        None => path.split_whitespace().next().map(str::to_owned),
    }
}
