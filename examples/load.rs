//! A bounded load generator for `rolefit serve`: a fixed number of `POST /v1/scan` requests of
//! one JSON document, sent by N client threads (each with its own keep-alive connection), for
//! each N asked; prints requests per second and the p50, p99 and worst latency per N.
//!
//! ```sh
//! cargo run --release --example load -- http://127.0.0.1:8080 --requests 2000 --clients 1,8,64 \
//!     --document fixtures/resumes/lead.txt
//! ```
//!
//! `bench/load.sh` starts the server, runs this and reads the server's peak RSS. Loopback only:
//! the address must be 127.0.0.1 or localhost.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    base: String,
    requests: usize,
    clients: Vec<usize>,
    body: String,
}

fn usage() -> ! {
    eprintln!(
        "usage: load BASE_URL [--requests N] [--clients 1,8,64] [--document FILE]\n\
         BASE_URL is http://127.0.0.1:PORT (loopback only)"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut args = std::env::args().skip(1);
    let base = args.next().unwrap_or_else(|| usage());
    let host = base.trim_start_matches("http://");
    if !(host.starts_with("127.0.0.1:") || host.starts_with("localhost:")) {
        eprintln!("load: {base} is not a loopback address: this generator only loads 127.0.0.1");
        std::process::exit(2);
    }
    let mut parsed = Args {
        base: base.trim_end_matches('/').to_string(),
        requests: 2000,
        clients: vec![1, 8, 64],
        body: String::new(),
    };
    let mut text = "Desktop support technician: CompTIA A+ certified, Windows 11 imaging with \
                    MECM, Active Directory and Intune, ServiceNow tickets, Outlook profiles."
        .to_string();
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--requests" => parsed.requests = value.parse().unwrap_or_else(|_| usage()),
            "--clients" => {
                parsed.clients = value
                    .split(',')
                    .map(|n| n.trim().parse().unwrap_or_else(|_| usage()))
                    .collect()
            }
            "--document" => {
                text = std::fs::read_to_string(&value).unwrap_or_else(|e| {
                    eprintln!("load: {value}: {e}");
                    std::process::exit(2)
                })
            }
            _ => usage(),
        }
    }
    parsed.body = serde_json::json!({"id": "load", "text": text}).to_string();
    parsed
}

/// The latency at quantile `q` of sorted samples.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() {
    let args = args();
    let url = format!("{}/v1/scan", args.base);
    println!("| clients | requests | errors | requests/s | p50 ms | p99 ms | max ms |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &clients in &args.clients {
        let next = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let threads: Vec<_> = (0..clients.max(1))
            .map(|_| {
                let (next, url, body, total) = (
                    Arc::clone(&next),
                    url.clone(),
                    args.body.clone(),
                    args.requests,
                );
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    let (mut latencies, mut errors) = (Vec::new(), 0usize);
                    while next.fetch_add(1, Ordering::Relaxed) < total {
                        let sent = Instant::now();
                        let ok = agent
                            .post(&url)
                            .header("Content-Type", "application/json")
                            .send(body.as_bytes())
                            .ok()
                            .and_then(|mut r| {
                                let status = r.status().as_u16();
                                r.body_mut().read_to_string().ok().map(|_| status == 200)
                            })
                            .unwrap_or(false);
                        latencies.push(sent.elapsed());
                        errors += usize::from(!ok);
                    }
                    (latencies, errors)
                })
            })
            .collect();
        let (mut latencies, mut errors) = (Vec::new(), 0);
        for t in threads {
            let (l, e) = t.join().expect("client thread");
            latencies.extend(l);
            errors += e;
        }
        let wall = start.elapsed();
        latencies.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {clients} | {} | {errors} | {:.0} | {:.2} | {:.2} | {:.2} |",
            latencies.len(),
            latencies.len() as f64 / wall.as_secs_f64(),
            ms(quantile(&latencies, 0.50)),
            ms(quantile(&latencies, 0.99)),
            ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        );
    }
}
