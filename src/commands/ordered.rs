//! A parallel map whose results come out in order, as soon as the ones
//! before them are done: `check` prints each file's report while later files
//! are still being linted, then drops it.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, TryLockError};

/// Runs `work` on every item in the rayon pool and hands the results to
/// `each` in the items' order. Workers take items in order and stay fewer
/// than `4 x threads` items ahead of the next one due, so at most that many
/// results (a file's text, for `check`) wait at a time, whatever the number
/// of items. `each` runs on whichever worker finds the next result ready:
/// a thread of its own would be woken for every item, and on a small
/// machine take turns with the workers.
pub fn map<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync, each: impl FnMut(R) + Send) {
    // One item (a hook's one staged file) runs here: starting the pool's
    // threads costs more than the item.
    if items.len() < 2 {
        let mut each = each;
        items.into_iter().for_each(|item| each(work(item)));
        return;
    }
    let threads = rayon::current_num_threads().min(items.len()).max(1);
    let window = 4 * threads;
    let queue = Mutex::new(items.into_iter().enumerate());
    let ready = Ready {
        pending: Mutex::new(Pending {
            results: BTreeMap::new(),
            next: 0,
        }),
        moved: Condvar::new(),
    };
    let each = Mutex::new(each);
    let work = &work;
    rayon::in_place_scope(|scope| {
        for _ in 0..threads {
            let (queue, ready, each) = (&queue, &ready, &each);
            scope.spawn(move |_| {
                loop {
                    let Some((i, item)) = lock(queue).next() else {
                        break;
                    };
                    let mut pending = lock(&ready.pending);
                    while i >= pending.next + window {
                        pending = ready.moved.wait(pending).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(pending);
                    ready.hand_on(i, work(item), each);
                }
            });
        }
    });
}

/// Results not yet handed on, by index, and the index of the next one due.
struct Pending<R> {
    results: BTreeMap<usize, R>,
    next: usize,
}

struct Ready<R> {
    pending: Mutex<Pending<R>>,
    /// The next one due moved on.
    moved: Condvar,
}

impl<R> Ready<R> {
    /// Adds result `i` and hands on the results that are due, unless
    /// another worker is doing so. That worker lets go of `each` only while
    /// it holds `pending`, having found nothing due, and `each` is tried
    /// here while `pending` is held: no result is left waiting.
    fn hand_on(&self, i: usize, result: R, each: &Mutex<impl FnMut(R)>) {
        let mut pending = lock(&self.pending);
        pending.results.insert(i, result);
        let mut each = match each.try_lock() {
            Ok(each) => each,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        loop {
            let next = pending.next;
            let Some(result) = pending.results.remove(&next) else {
                drop(each);
                return;
            };
            pending.next += 1;
            drop(pending);
            self.moved.notify_all();
            (*each)(result);
            pending = lock(&self.pending);
        }
    }
}

/// A lock that a panic elsewhere does not poison for us.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn results_come_in_order_and_few_wait() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        pool.install(|| {
            // Results made and not yet handed on, and the most there were.
            let (pending, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let mut seen = Vec::new();
            let work = |i: usize| {
                // Early items are slow, so later ones finish first.
                let spin = if i % 50 == 0 { 200_000 } else { 10 };
                let mut x = i as u64;
                for _ in 0..spin {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
                let now = pending.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                (i, x)
            };
            map((0..1000).collect(), work, |(i, _)| {
                pending.fetch_sub(1, Ordering::SeqCst);
                seen.push(i);
            });
            assert_eq!(seen, (0..1000).collect::<Vec<_>>());
            let most = most.load(Ordering::SeqCst);
            // The window (16), plus one in the hands of each worker.
            assert!(most <= 16 + 4, "{most} results waited at once");
        });
    }

    /// Results finish at nearly the same time, so workers often find
    /// another one handing on: none may be left behind.
    #[test]
    fn no_result_is_left_waiting() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        pool.install(|| {
            for round in 0..20_000 {
                let n = 2 + round % 7;
                let mut seen = Vec::new();
                map((0..n).collect(), |i: usize| i, |i| seen.push(i));
                assert_eq!(seen, (0..n).collect::<Vec<_>>(), "round {round}");
            }
        });
    }

    #[test]
    fn one_item_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let mut seen = Vec::new();
        map(vec![7], |x| (x, std::thread::current().id()), |r| seen.push(r));
        assert_eq!(seen, vec![(7, caller)]);
    }

    #[test]
    fn no_items_no_results() {
        let mut n = 0;
        map(Vec::<u8>::new(), |x| x, |_| n += 1);
        assert_eq!(n, 0);
    }
}
