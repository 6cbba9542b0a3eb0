//! The one registry behind checks and sections: collected from `inventory` in declaration
//! order, looked up by name and checked for duplicate names, for any [`Registered`] type.

use std::sync::OnceLock;

use super::{DuplicateName, Location};

/// A type the attributes register: [`RegisteredCheck`](super::RegisteredCheck) and
/// [`RegisteredSection`](super::RegisteredSection).
pub(crate) trait Registered: Clone + Sync + Sized + 'static {
    /// What the attribute submits.
    type Registration: inventory::Collect;

    /// What [`DuplicateName`] calls it: `"health check"`, `"environment section"`.
    const KIND: &'static str;

    /// This type's registry, filled by [`all`]. Each impl holds a `static` of its own: a
    /// `static` in a generic function would be one for every type.
    fn cell() -> &'static OnceLock<Vec<Self>>;

    /// A registration, with a runner of its own that every run of it shares.
    fn new(registration: &'static Self::Registration) -> Self;

    /// Its name and where it was declared.
    fn declared(&self) -> (&'static str, Location);
}

/// Every registered `T` in declaration order: by file, then line. (The order `inventory`
/// yields them in depends on the linker.)
pub(crate) fn all<T: Registered>() -> &'static [T] {
    T::cell().get_or_init(|| {
        let mut items: Vec<T> = inventory::iter::<T::Registration>
            .into_iter()
            .map(T::new)
            .collect();
        items.sort_by_key(|item| {
            let (name, location) = item.declared();
            (location.file(), location.line(), name)
        });
        items
    })
}

/// The registered `T` with this name.
pub(crate) fn find<T: Registered>(name: &str) -> Option<T> {
    all::<T>()
        .iter()
        .find(|item| item.declared().0 == name)
        .cloned()
}

/// Fails if two registered `T`s share a name, naming both places.
pub(crate) fn validate<T: Registered>() -> Result<(), DuplicateName> {
    let mut declared: Vec<_> = all::<T>().iter().map(T::declared).collect();
    declared.sort_by_key(|(name, _)| *name);
    first_duplicate(declared.into_iter(), T::KIND)
}

/// The first two of `items`, which must be sorted by name, that share a name.
fn first_duplicate<'a>(
    items: impl Iterator<Item = (&'a str, Location)>,
    kind: &'static str,
) -> Result<(), DuplicateName> {
    let mut previous: Option<(&str, Location)> = None;
    for (name, location) in items {
        if let Some((previous_name, first)) = previous {
            if previous_name == name {
                return Err(DuplicateName {
                    kind,
                    name: name.to_owned(),
                    first,
                    second: location,
                });
            }
        }
        previous = Some((name, location));
    }
    Ok(())
}
