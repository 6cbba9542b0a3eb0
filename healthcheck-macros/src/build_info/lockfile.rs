//! Just enough of the `Cargo.lock` format: packages, versions and dependency edges.

use std::collections::{BTreeSet, VecDeque};

struct Package {
    name: String,
    version: String,
    /// Entries as written: `name`, `name version` or `name version (source)`.
    dependencies: Vec<String>,
}

/// Every package reachable from `name` `version`, sorted, without the package itself.
pub(crate) fn dependencies_of(
    lock: &str,
    name: &str,
    version: &str,
) -> Result<Vec<(String, String)>, String> {
    let packages = parse(lock);
    let root = packages
        .iter()
        .position(|p| p.name == name && p.version == version)
        .ok_or_else(|| format!("package {name} {version} is not in the lock file"))?;
    let mut seen = BTreeSet::from([root]);
    let mut queue = VecDeque::from([root]);
    while let Some(index) = queue.pop_front() {
        for entry in &packages[index].dependencies {
            let mut parts = entry.split_whitespace();
            let dep_name = parts.next().unwrap_or_default();
            let dep_version = parts.next();
            let found = packages
                .iter()
                .position(|p| p.name == dep_name && dep_version.is_none_or(|v| p.version == v));
            if let Some(found) = found {
                if seen.insert(found) {
                    queue.push_back(found);
                }
            }
        }
    }
    seen.remove(&root);
    let mut dependencies: Vec<_> = seen
        .into_iter()
        .map(|index| {
            (
                packages[index].name.clone(),
                packages[index].version.clone(),
            )
        })
        .collect();
    dependencies.sort();
    Ok(dependencies)
}

fn parse(lock: &str) -> Vec<Package> {
    let mut packages = Vec::new();
    let mut current: Option<Package> = None;
    let mut in_dependencies = false;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') && !in_dependencies {
            packages.extend(current.take());
            if line == "[[package]]" {
                current = Some(Package {
                    name: String::new(),
                    version: String::new(),
                    dependencies: Vec::new(),
                });
            }
            continue;
        }
        let Some(package) = current.as_mut() else {
            continue;
        };
        if in_dependencies {
            if line.starts_with(']') {
                in_dependencies = false;
            } else if let Some(entry) = quoted(line) {
                package.dependencies.push(entry.to_owned());
            }
        } else if let Some(value) = line.strip_prefix("name = ").and_then(quoted) {
            value.clone_into(&mut package.name);
        } else if let Some(value) = line.strip_prefix("version = ").and_then(quoted) {
            value.clone_into(&mut package.version);
        } else if line.starts_with("dependencies = [") {
            in_dependencies = !line.ends_with(']');
        }
    }
    packages.extend(current);
    packages
}

fn quoted(text: &str) -> Option<&str> {
    let text = text.trim().trim_end_matches(',');
    text.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::dependencies_of;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "serde",
 "rand 0.8.5",
]

[[package]]
name = "rand"
version = "0.8.5"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "libc",
]

[[package]]
name = "rand"
version = "0.9.0"

[[package]]
name = "libc"
version = "0.2.170"

[[package]]
name = "serde"
version = "1.0.219"

[[package]]
name = "unrelated"
version = "1.0.0"
"#;

    #[test]
    fn walks_from_the_application() {
        let dependencies = dependencies_of(LOCK, "app", "0.1.0").unwrap();
        let expected = [("libc", "0.2.170"), ("rand", "0.8.5"), ("serde", "1.0.219")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(dependencies, expected);
    }

    #[test]
    fn a_missing_package_is_an_error() {
        assert!(dependencies_of(LOCK, "other", "1.0.0").is_err());
    }
}
