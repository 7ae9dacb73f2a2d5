//! Timing samples, percentiles, peak memory and the printed table.

use std::time::Instant;

/// One reported figure.
#[derive(Debug)]
pub struct Metric {
    pub key: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// The target, as printed (`≥ 15000`, `≤ 2`).
    pub target: &'static str,
    pub met: bool,
    /// A correctness check inside the bench failed (e.g. a short page).
    pub failed: bool,
}

impl Metric {
    pub fn at_most(
        key: &'static str,
        value: f64,
        unit: &'static str,
        target: &'static str,
        limit: f64,
    ) -> Metric {
        Metric {
            key,
            value,
            unit,
            target,
            met: value <= limit,
            failed: false,
        }
    }

    pub fn at_least(
        key: &'static str,
        value: f64,
        unit: &'static str,
        target: &'static str,
        limit: f64,
    ) -> Metric {
        Metric {
            key,
            value,
            unit,
            target,
            met: value >= limit,
            failed: false,
        }
    }
}

/// Collects durations in milliseconds.
#[derive(Debug, Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    /// Times one call and keeps its result.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push(start.elapsed().as_secs_f64() * 1000.0);
        out
    }

    /// Adds a sample measured elsewhere, in milliseconds.
    pub fn push(&mut self, ms: f64) {
        self.0.push(ms);
    }

    /// The 95th percentile (nearest rank).
    pub fn p95(&mut self) -> f64 {
        self.percentile(0.95)
    }

    /// The median (nearest rank).
    pub fn p50(&mut self) -> f64 {
        self.percentile(0.50)
    }

    fn percentile(&mut self, q: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        self.0.sort_by(f64::total_cmp);
        let rank = ((self.0.len() as f64) * q).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}

/// Peak resident memory of this process in MB (Linux `VmHWM`).
pub fn peak_rss_mb() -> f64 {
    peak_rss_mb_of("/proc/self/status")
}

/// Peak resident memory in MB of the process whose `/proc/…/status` is `status`.
pub fn peak_rss_mb_of(status: &str) -> f64 {
    std::fs::read_to_string(status)
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Prints the scenario's table.
pub fn print_table(scenario: &str, metrics: &[Metric]) {
    println!();
    println!("bench `{scenario}`");
    println!(
        "| {:<26} | {:>12} | {:<6} | {:<10} | {:<4} |",
        "metric", "value", "unit", "target", "ok"
    );
    println!(
        "|{:-<28}|{:->14}|{:-<8}|{:-<12}|{:-<6}|",
        "", "", "", "", ""
    );
    for m in metrics {
        let ok = if m.failed {
            "FAIL"
        } else if m.met {
            "yes"
        } else {
            "no"
        };
        println!(
            "| {:<26} | {:>12.3} | {:<6} | {:<10} | {:<4} |",
            m.key, m.value, m.unit, m.target, ok
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p95_is_the_nearest_rank() {
        let mut s = Samples((1..=100).map(f64::from).collect());
        assert_eq!(s.p95(), 95.0);
        let mut one = Samples(vec![3.0]);
        assert_eq!(one.p95(), 3.0);
    }
}
