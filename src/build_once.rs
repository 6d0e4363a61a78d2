//! A value one thread builds while the others go on without it.
//!
//! Compiling a built-in pattern costs more than several documents' worth
//! of searching with the automata built ahead (see [`crate::automata`]). A
//! `OnceLock` would make every worker that reaches the pattern wait for the
//! one compiling it; with [`BuildOnce::claim`] the others keep searching
//! with the automata until the compiled pattern is there.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug)]
pub struct BuildOnce<T> {
    cell: OnceLock<Option<T>>,
    claimed: AtomicBool,
}

impl<T> Default for BuildOnce<T> {
    fn default() -> BuildOnce<T> {
        BuildOnce::new()
    }
}

impl<T> BuildOnce<T> {
    pub const fn new() -> BuildOnce<T> {
        BuildOnce {
            cell: OnceLock::new(),
            claimed: AtomicBool::new(false),
        }
    }

    /// Has it been built (even as `None`: it could not be)?
    pub fn is_built(&self) -> bool {
        self.cell.get().is_some()
    }

    /// The value, building it unless another thread is: `None` then.
    pub fn claim(&self, build: impl FnOnce() -> Option<T>) -> Option<Option<&T>> {
        if let Some(v) = self.cell.get() {
            return Some(v.as_ref());
        }
        if self.claimed.swap(true, Ordering::AcqRel) {
            return None;
        }
        Some(self.force(build))
    }

    /// The value, building it or waiting for the thread that is.
    pub fn force(&self, build: impl FnOnce() -> Option<T>) -> Option<&T> {
        self.cell.get_or_init(build).as_ref()
    }

    /// Sets a value built elsewhere, if none is set.
    pub fn set(&self, value: Option<T>) {
        self.claimed.store(true, Ordering::Release);
        let _ = self.cell.set(value);
    }

    pub fn get(&self) -> Option<&T> {
        self.cell.get().and_then(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;

    #[test]
    fn while_one_thread_builds_the_others_go_on() {
        let once = BuildOnce::new();
        let (building, others_done) = (Barrier::new(2), Barrier::new(2));
        std::thread::scope(|s| {
            s.spawn(|| {
                let v = once.claim(|| {
                    building.wait();
                    // The other thread was told to go on without it.
                    others_done.wait();
                    Some(7)
                });
                assert_eq!(v, Some(Some(&7)));
            });
            building.wait();
            assert_eq!(once.claim(|| Some(8)), None);
            assert!(!once.is_built());
            others_done.wait();
        });
        assert_eq!(once.claim(|| Some(9)), Some(Some(&7)));
        assert_eq!(once.force(|| Some(9)), Some(&7));
    }

    #[test]
    fn a_value_that_cannot_be_built_is_built_as_none() {
        let once: BuildOnce<u8> = BuildOnce::new();
        assert_eq!(once.claim(|| None), Some(None));
        assert!(once.is_built());
        assert_eq!(once.get(), None);
    }
}
