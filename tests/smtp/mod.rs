//! A test SMTP server ("sink") on loopback: receives the app's mail so tests can read it, and
//! can be told to fail, refuse, stall or go away, like a real relay on a bad day.

mod received;
mod session;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

pub use received::Received;

/// How the sink answers the final "." of each message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// 250 for everything, "250 2.0.0 Ok: queued as N" after DATA.
    Accept,
    /// 451 4.3.0 after the final "."; the message is not received.
    TempFail,
    /// 550 5.7.1 after the final "."; the message is not received.
    Reject,
    /// Reads the whole message, then never answers; the message is not received.
    Stall,
}

/// A running sink. Clones share one server; it stops on `stop()` or when the last clone drops.
#[derive(Clone)]
pub struct SmtpSink {
    shared: Arc<Shared>,
    // Held only by the handles (never by the server's tasks), so dropping the last handle
    // drops the stop signal's sender, which ends the server.
    control: Arc<Control>,
}

/// What the sessions need: the current mode and the messages accepted so far.
struct Shared {
    mode: Mutex<Mode>,
    received: watch::Sender<Vec<Received>>,
}

struct Control {
    port: u16,
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpSink {
    /// A sink on a free loopback port.
    pub async fn start() -> SmtpSink {
        let listener = bind(0).expect("bind a free loopback port for the SMTP sink");
        SmtpSink::serve(listener)
    }

    /// A sink on the given port, for coming back "after an outage" at the same address. Waits
    /// a little for the port to come free, since the previous sink's sockets may linger.
    pub async fn start_on(port: u16) -> SmtpSink {
        let mut tries = 0;
        loop {
            match bind(port) {
                Ok(listener) => return SmtpSink::serve(listener),
                Err(_) if tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("bind 127.0.0.1:{port} for the SMTP sink: {error}"),
            }
        }
    }

    fn serve(listener: TcpListener) -> SmtpSink {
        let port = listener.local_addr().expect("listener address").port();
        let shared = Arc::new(Shared {
            mode: Mutex::new(Mode::Accept),
            received: watch::Sender::new(Vec::new()),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(accept(listener, Arc::clone(&shared), stopped));
        SmtpSink {
            shared,
            control: Arc::new(Control {
                port,
                stop: Mutex::new(Some(stop)),
                task: Mutex::new(Some(task)),
            }),
        }
    }

    pub fn port(&self) -> u16 {
        self.control.port
    }

    /// The URL the app's mail settings take: `smtp://127.0.0.1:PORT` (no TLS).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port())
    }

    /// The messages accepted so far, in the order their final "." arrived.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received.borrow().clone()
    }

    /// Waits until at least `n` messages are received or `within` has passed, then returns
    /// what has been received either way.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let mut updates = self.shared.received.subscribe();
        let _ = tokio::time::timeout(within, updates.wait_for(|all| all.len() >= n)).await;
        self.received()
    }

    /// Changes how the next messages are answered (connections already open included).
    pub fn set_mode(&self, mode: Mode) {
        *self.shared.mode.lock().expect("sink mode lock") = mode;
    }

    /// An outage: closes the listener and every open connection, and frees the port, before
    /// returning. Stops the server for every clone of this handle.
    pub async fn stop(self) {
        let stop = self.control.stop.lock().expect("sink stop lock").take();
        if let Some(stop) = stop {
            let _ = stop.send(());
        }
        let task = self.control.task.lock().expect("sink task lock").take();
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

impl Shared {
    fn mode(&self) -> Mode {
        *self.mode.lock().expect("sink mode lock")
    }

    /// Records an accepted message and returns its queue number (1, 2, …).
    fn accept(&self, message: Received) -> usize {
        let mut number = 0;
        self.received.send_modify(|all| {
            all.push(message);
            number = all.len();
        });
        number
    }
}

fn bind(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // So a sink can come back on a port whose old connections are still in TIME_WAIT.
    socket.set_reuseaddr(true)?;
    socket.bind(([127, 0, 0, 1], port).into())?;
    socket.listen(64)
}

/// Serves each connection in its own task until told to stop (or the handles are all gone),
/// then closes the listener and ends every connection before returning.
async fn accept(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            // A send or a dropped sender both mean stop.
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    sessions.spawn(session::serve(stream, Arc::clone(&shared)));
                }
                // Out of file descriptors and the like: back off rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
    drop(listener);
    sessions.shutdown().await;
}
