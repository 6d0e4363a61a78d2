//! A parallel map whose results come out in order, as soon as the ones
//! before them are done: `check` prints each file's report while later files
//! are still being linted, then drops it.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};

/// Runs `work` on every item in the rayon pool and hands the results to
/// `each`, on the calling thread, in the items' order. Workers take items in
/// order and stay fewer than `4 x threads` items ahead of the one `each`
/// waits for, so at most that many results (a file's text, for `check`)
/// wait at a time, whatever the number of items.
pub fn map<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync, mut each: impl FnMut(R)) {
    // One item (a hook's one staged file) runs here: starting the pool's
    // threads costs more than the item.
    if items.len() < 2 {
        items.into_iter().for_each(|item| each(work(item)));
        return;
    }
    let threads = rayon::current_num_threads().min(items.len()).max(1);
    let window = 4 * threads;
    let queue = Mutex::new(items.into_iter().enumerate());
    // How many results `each` has had.
    let handed = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let work = &work;
    rayon::in_place_scope(|scope| {
        for _ in 0..threads {
            let (tx, queue, handed) = (tx.clone(), &queue, &handed);
            scope.spawn(move |_| {
                loop {
                    let Some((i, item)) = lock(queue).next() else {
                        break;
                    };
                    let mut done = lock(&handed.0);
                    while i >= *done + window {
                        done = handed.1.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                each(result);
                next += 1;
                *lock(&handed.0) = next;
                handed.1.notify_all();
            }
        }
    });
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
