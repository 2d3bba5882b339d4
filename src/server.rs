//! The HTTP server around the application: one task per connection, with limits so that slow
//! or idle clients cannot hold the server. A client must send a request's head within
//! `header_read` (also the longest a kept-alive connection may sit idle) and its whole body
//! within `body` of the head, and at most `connections` are served at once: further clients
//! wait in the listen queue until one ends.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client may take, and how many may be served at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest a client may take to send a request's head (line and headers), counted
    /// from when the server is ready to read it (so also the longest idle keep-alive).
    pub header_read: Duration,
    /// The longest a client may take to send a request's body, counted from its head.
    pub body: Duration,
    /// The most connections served at once.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            body: Duration::from_secs(60),
            connections: 256,
        }
    }
}

/// Serve `app` on `listener` within `limits` until `shutdown` completes, then stop accepting
/// and wait for the requests in flight to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let connections = limits.connections.max(1);
    let slots = Arc::new(Semaphore::new(connections));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let mut stopping = stop_rx.clone();
    loop {
        // Wait for a free slot before accepting: over the limit, clients queue in the kernel.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.map_err(std::io::Error::other)?,
            () = stopped(&mut stopping) => break,
        };
        let (tcp, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::debug!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stopped(&mut stopping) => break,
        };
        // Send each response's last packet at once instead of holding it back until the
        // client acknowledges the one before (Nagle's algorithm), as nginx does.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("cannot set TCP_NODELAY: {e}");
        }
        let app = app.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                handle(app.clone(), remote, limits.body, request)
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read)
                .serve_connection(TokioIo::new(tcp), service);
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!("connection ended: {e}");
                    }
                }
                () = stopped(&mut stop) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(slot);
        });
    }
    drop(listener);
    // Every connection holds a slot until it ends: having them all back means all are done.
    let all = u32::try_from(connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
    Ok(())
}

/// Once the server is told to stop.
async fn stopped(stop: &mut tokio::sync::watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`: let it go at once.
    let _ = stop.wait_for(|stop| *stop).await;
}

/// One request through the application, its body bounded by `body_limit` in time.
async fn handle(
    mut app: Router,
    remote: SocketAddr,
    body_limit: Duration,
    request: Request<hyper::body::Incoming>,
) -> Result<Response, Infallible> {
    let expired = Arc::new(AtomicBool::new(false));
    let mut request = request.map(|body| {
        Body::new(Deadline {
            body: Body::new(body),
            sleep: Box::pin(tokio::time::sleep(body_limit)),
            expired: expired.clone(),
        })
    });
    request.extensions_mut().insert(ConnectInfo(remote));
    let response = tower::Service::call(&mut app, request).await?;
    if expired.load(Ordering::Acquire) {
        return Ok(too_slow());
    }
    Ok(response)
}

/// The answer to a body that did not arrive in time; the connection then closes.
fn too_slow() -> Response {
    let status = StatusCode::REQUEST_TIMEOUT;
    let page = crate::views::layout::error_page(
        status,
        "The request took too long to arrive",
        "Your connection sent the form too slowly. Try again.",
    );
    let mut response = (status, page).into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// A request body that fails once its time is up, however it trickles.
struct Deadline {
    body: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
    expired: Arc<AtomicBool>,
}

impl HttpBody for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if self.sleep.as_mut().poll(cx).is_ready() {
            self.expired.store(true, Ordering::Release);
            return Poll::Ready(Some(Err(axum::Error::new(
                "the request body did not arrive in time",
            ))));
        }
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}
