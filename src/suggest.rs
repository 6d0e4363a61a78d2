//! "Did you mean ...?": the closest of some names to one that is unknown.

/// The candidate closest to `name` (a few edits away, or containing it).
pub fn suggest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = candidates.iter().map(|c| (edit_distance(name, c), *c)).min()?;
    if best.0 <= 2 + name.len() / 8 {
        return Some(best.1);
    }
    candidates
        .iter()
        .copied()
        .find(|c| name.len() >= 4 && c.contains(name))
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("blame-wordng", &["blame-wording", "wording"]),
            Some("blame-wording")
        );
        assert_eq!(
            suggest("owner", &["action-item-missing-owner"]),
            Some("action-item-missing-owner")
        );
        assert_eq!(suggest("zzz", &["wording"]), None);
    }
}
