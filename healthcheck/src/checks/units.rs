//! Amounts as people read them in outputs: `12.1 GiB`, `85%`.

/// `bytes` in binary units with at most one decimal: `512 B`, `1.5 KiB`, `50 GiB`.
pub(crate) fn bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    #[allow(clippy::cast_precision_loss)] // one decimal is shown
    let mut value = bytes as f64 / 1024.0;
    let mut unit = UNITS[0];
    for next in &UNITS[1..] {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    format!("{} {unit}", one_decimal(value))
}

#[cfg(feature = "memory")]
/// `ratio` (0.5) as a percentage with at most one decimal (`50%`, `95.5%`).
pub(crate) fn percent(ratio: f64) -> String {
    format!("{}%", one_decimal(ratio * 100.0))
}

fn one_decimal(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_as_people_write_them() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1 KiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(50 << 30), "50 GiB");
        assert_eq!(bytes(13_000_000_000), "12.1 GiB");
        assert_eq!(bytes(u64::MAX), "16 EiB");
    }

    #[cfg(feature = "memory")]
    #[test]
    fn percentages() {
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.955), "95.5%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
    }
}
