//! Reading what git holds, with libgit2: the staged index, the files a range
//! of commits changed, and the tree of any commit, straight from the object
//! database, so a bare repository works too.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use git2::{Delta, DiffFindOptions, DiffOptions, ErrorCode, FileMode, ObjectType, Oid, Repository};

/// Does git's environment say where the repository is (inside a hook)?
fn from_env() -> bool {
    ["GIT_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
}

/// libgit2's GIT_INDEX_ENTRY_INTENT_TO_ADD, in `flags_extended`.
const INTENT_TO_ADD: u16 = 1 << 13;

/// A repository opened from the current folder.
pub struct Git {
    pub repo: Repository,
}

/// Reads blobs on any thread, for the workers: a libgit2 repository is not
/// shared between threads, so each opens it once, and the thread that made
/// the plan keeps the one it has (a hook's single file opens nothing more).
#[derive(Clone, Debug)]
pub struct Objects {
    git_dir: PathBuf,
    from_env: bool,
}

thread_local! {
    static OPEN: RefCell<Option<(PathBuf, Git)>> = const { RefCell::new(None) };
}

impl Objects {
    /// As [`Git::read`], from this thread's repository.
    pub fn read(&self, oid: Oid, max: u64) -> anyhow::Result<Result<Vec<u8>, crate::input::Refusal>> {
        OPEN.with(|open| {
            let mut open = open.borrow_mut();
            let git = match &*open {
                Some((dir, git)) if *dir == self.git_dir => git,
                _ => {
                    let repo = if self.from_env {
                        Repository::open_from_env()
                    } else {
                        Repository::open(&self.git_dir)
                    };
                    let repo = repo.with_context(|| {
                        format!("cannot open the git repository {}", self.git_dir.display())
                    })?;
                    &open.insert((self.git_dir.clone(), Git { repo })).1
                }
            };
            git.read(oid, max)
        })
    }
}

/// One version of a file, as a blob.
#[derive(Clone, Debug)]
pub struct Blob {
    /// Repository-relative, `/`-separated.
    pub path: String,
    pub oid: Oid,
}

/// What is staged for the next commit.
#[derive(Debug, Default)]
pub struct Staged {
    pub changes: Vec<Change>,
    /// Paths with unresolved merge conflicts, sorted: no staged version.
    pub unmerged: Vec<String>,
}

/// A file a change added or modified.
#[derive(Clone, Debug)]
pub struct Change {
    pub new: Blob,
    /// The version before the change, when the file existed (for renames:
    /// under its old name).
    pub old: Option<Blob>,
    /// 1-based numbers of the lines the change added or modified, in `new`.
    pub added_lines: Vec<u32>,
}

impl Git {
    /// Opens the repository holding `dir` (the current folder), as git's
    /// environment describes it when pmlint runs inside a hook: a commit
    /// in progress has its own index (`GIT_INDEX_FILE`), a push in progress
    /// keeps its objects in quarantine (`GIT_OBJECT_DIRECTORY`).
    /// `what` says which option needs a repository.
    pub fn open(dir: &Path, what: &str) -> anyhow::Result<Git> {
        Git::find(dir)?.ok_or_else(|| {
            anyhow!(
                "{what} reads from git, but {} is not in a git repository",
                dir.display()
            )
        })
    }

    /// The repository holding `dir`, or `None` outside one. A repository
    /// that is there but cannot be opened (owned by another user, corrupt)
    /// is an error, never "no repository": that would lint a different set
    /// of files and pass.
    pub fn find(dir: &Path) -> anyhow::Result<Option<Git>> {
        let from_env = from_env();
        // Hashing every object read (trees, blobs) again costs more than
        // reading them; git itself checks hashes only in fsck and when
        // objects arrive, not on every read.
        git2::opts::strict_hash_verification(false);
        let repo = if from_env {
            Repository::open_from_env()
        } else {
            Repository::discover(dir)
        };
        match repo {
            Ok(repo) => Ok(Some(Git { repo })),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) if e.code() == ErrorCode::Owner => {
                let at = dir.ancestors().find(|d| d.join(".git").exists()).unwrap_or(dir);
                bail!(
                    "git refuses the repository at {at}: it is owned by another user ({}). \
                     If you trust it, allow it with:\n    git config --global --add safe.directory {quoted}",
                    e.message().trim_end_matches('.'),
                    at = at.display(),
                    quoted = shell_quote(&at.display().to_string())
                )
            }
            Err(e) => bail!(
                "cannot open the git repository holding {}: {}",
                dir.display(),
                e.message()
            ),
        }
    }

    /// The repository's objects for the workers; this thread keeps `self`
    /// to read them.
    pub fn into_objects(self) -> Objects {
        let objects = Objects {
            git_dir: self.repo.path().to_path_buf(),
            from_env: from_env(),
        };
        OPEN.with(|open| *open.borrow_mut() = Some((objects.git_dir.clone(), self)));
        objects
    }

    /// The index, or an error that names it.
    pub fn index(&self) -> anyhow::Result<git2::Index> {
        self.repo.index().map_err(|e| {
            let path = std::env::var_os("GIT_INDEX_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| self.repo.path().join("index"));
            anyhow!(
                "cannot read the git index {}: {}; pmlint will not guess which files git holds. \
                 To rebuild it from HEAD (losing what is staged): rm {} && git reset",
                path.display(),
                e.message(),
                shell_quote(&path.display().to_string())
            )
        })
    }

    /// The work tree, or `None` in a bare repository.
    pub fn workdir(&self) -> Option<PathBuf> {
        self.repo.workdir().map(crate::paths::normalize)
    }

    /// The commit `rev` names.
    pub fn resolve(&self, rev: &str) -> anyhow::Result<Oid> {
        let object = self.repo.revparse_single(rev).map_err(|e| {
            if rev == "HEAD" && self.repo.head().is_err() {
                anyhow!("the repository has no commits yet, so there is no HEAD to lint")
            } else {
                anyhow!("cannot resolve `{rev}` to a commit: {}", e.message())
            }
        })?;
        let commit = object
            .peel_to_commit()
            .map_err(|_| anyhow!("`{rev}` does not name a commit"))?;
        Ok(commit.id())
    }

    /// What is staged for the next commit: the files added, modified,
    /// renamed or copied, as the index holds them, and the paths with
    /// unresolved conflicts (sorted); `keep` chooses by path.
    pub fn staged(&self, keep: &dyn Fn(&str) -> bool, with_lines: bool) -> anyhow::Result<Staged> {
        if self.repo.is_bare() {
            bail!("--staged reads the index, and a bare repository has none; use --rev");
        }
        // git itself answers in a few milliseconds however large the
        // repository: libgit2 hashes the whole index file when it reads it
        // and compares every tree with the index. Added lines (--new-only)
        // and a machine without git take libgit2's way.
        if !with_lines {
            if let Some(staged) = self.staged_by_git(keep) {
                return Ok(staged);
            }
        }
        let index = self.index()?;
        // `git add -N` files are in the index but not in the commit.
        let intent_to_add = |path: &str| {
            index
                .get_path(Path::new(path), 0)
                .is_some_and(|e| e.flags_extended & INTENT_TO_ADD != 0)
        };
        let keep_staged = |path: &str| keep(path) && !intent_to_add(path);
        // No commits yet: everything in the index is new.
        let head = self.repo.head().ok().and_then(|h| h.peel_to_tree().ok());
        let mut diff = self
            .repo
            .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut diff_options()))
            .context("cannot compare the index with HEAD")?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true).copies(true)))?;
        Ok(Staged {
            changes: changes(&diff, &keep_staged, with_lines)?,
            unmerged: unmerged(&index, keep),
        })
    }

    /// [`Git::staged`] from `git diff --cached --raw`, or `None` when git
    /// cannot tell (not installed, or it fails: libgit2 then says why).
    /// Renames are not looked for: without added lines, a renamed file
    /// is linted under its new name either way.
    fn staged_by_git(&self, keep: &dyn Fn(&str) -> bool) -> Option<Staged> {
        let workdir = self.repo.workdir()?;
        // The repository libgit2 opened; git's environment (a hook's
        // GIT_INDEX_FILE, a quarantine's object folders) is inherited.
        let output = std::process::Command::new("git")
            .arg("--git-dir")
            .arg(self.repo.path())
            .arg("--work-tree")
            .arg(workdir)
            .args([
                "diff",
                "--cached",
                "--raw",
                "-z",
                "--no-abbrev",
                "--no-renames",
                "--no-color",
                "--no-ext-diff",
                "--ignore-submodules=all",
            ])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let mut staged = parse_raw_diff(&output.stdout, keep)?;
        staged.unmerged.sort();
        staged.unmerged.dedup();
        Some(staged)
    }

    /// Does `path` (repository-relative) name a file or folder in the tree
    /// of `commit`?
    pub fn has_path(&self, commit: Oid, path: &str) -> bool {
        path.is_empty()
            || self
                .repo
                .find_commit(commit)
                .and_then(|c| c.tree())
                .is_ok_and(|t| t.get_path(Path::new(path)).is_ok())
    }

    /// Files changed between the merge base of `base` and `target`, and
    /// `target` (what a pull request changed), at `target`.
    pub fn changed_since(
        &self,
        base: &str,
        target: Oid,
        keep: &dyn Fn(&str) -> bool,
        with_lines: bool,
    ) -> anyhow::Result<Vec<Change>> {
        let base_oid = self.resolve(base)?;
        let merge_base = match self.repo.merge_base(base_oid, target) {
            Ok(oid) => oid,
            Err(_) if self.repo.is_shallow() => bail!(
                "`{base}` and the commit being linted have no merge base in this shallow clone; \
                 fetch the full history (in GitHub Actions: actions/checkout with `fetch-depth: 0`; \
                 elsewhere: `git fetch --unshallow`)"
            ),
            Err(_) => bail!("`{base}` and the commit being linted have no history in common"),
        };
        let old = self.repo.find_commit(merge_base)?.tree()?;
        let new = self.repo.find_commit(target)?.tree()?;
        let mut diff = self
            .repo
            .diff_tree_to_tree(Some(&old), Some(&new), Some(&mut diff_options()))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        changes(&diff, keep, with_lines)
    }

    /// Every file in the tree of `commit` that `keep` chooses.
    pub fn tree_files(&self, commit: Oid, keep: &dyn Fn(&str) -> bool) -> anyhow::Result<Vec<Blob>> {
        // Walked here rather than with Tree::walk, which stops at a folder
        // name that is not UTF-8; such names are linted with U+FFFD in them.
        let mut trees = vec![(String::new(), self.repo.find_commit(commit)?.tree()?)];
        let mut out = Vec::new();
        while let Some((dir, tree)) = trees.pop() {
            for entry in tree.iter() {
                let path = format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
                match entry.kind() {
                    Some(ObjectType::Tree) => {
                        trees.push((format!("{path}/"), self.repo.find_tree(entry.id())?))
                    }
                    // Regular files only: not symlinks or submodules.
                    Some(ObjectType::Blob)
                        if matches!(entry.filemode(), 0o100644 | 0o100755) && keep(&path) =>
                    {
                        out.push(Blob {
                            path,
                            oid: entry.id(),
                        });
                    }
                    _ => {}
                }
            }
        }
        Ok(out)
    }

    /// The files of the work tree git knows about: tracked (as regular files,
    /// not symlinks or submodules, and present on disk) and untracked but not
    /// ignored, like `git ls-files --cached --others --exclude-standard`.
    /// Repository-relative, sorted.
    pub fn worktree_files(&self) -> anyhow::Result<Vec<PathBuf>> {
        let workdir = self.workdir().context("a bare repository has no work tree")?;
        let index = self.index()?;
        let mut opts = git2::StatusOptions::new();
        opts.show(git2::StatusShow::Workdir)
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true)
            .include_unmodified(false);
        let statuses = self
            .repo
            .statuses(Some(&mut opts))
            .context("cannot read the work tree's status")?;
        // The status has looked at every tracked file already; only those
        // it calls deleted are asked about again (libgit2 says so of a
        // FIFO or a folder in a file's place, which are reported instead).
        let mut deleted = std::collections::HashSet::new();
        let mut out = Vec::new();
        for entry in statuses.iter() {
            let (path, status) = (entry.path_bytes(), entry.status());
            if status.contains(git2::Status::WT_DELETED) {
                if workdir.join(index_path(path)).symlink_metadata().is_err() {
                    deleted.insert(path.to_vec());
                }
            } else if status.contains(git2::Status::WT_NEW) && !path.ends_with(b"/") {
                out.push(index_path(path));
            }
        }
        out.extend(
            index
                .iter()
                .filter(|e| matches!(e.mode, 0o100644 | 0o100755))
                // Present in any form: what is not a regular file is
                // reported when it is read, not silently dropped here.
                .filter(|e| !deleted.contains(&e.path))
                .map(|e| index_path(&e.path)),
        );
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// A blob's content, unless it is over `max` bytes (its size is read
    /// from the object's header, without inflating it).
    pub fn read(&self, oid: Oid, max: u64) -> anyhow::Result<Result<Vec<u8>, crate::input::Refusal>> {
        let (size, _) = self
            .repo
            .odb()
            .and_then(|odb| odb.read_header(oid))
            .with_context(|| format!("cannot read object {oid}"))?;
        if size as u64 > max {
            return Ok(Err(crate::input::Refusal::TooLarge {
                size: Some(size as u64),
                max,
            }));
        }
        let blob = self
            .repo
            .find_blob(oid)
            .with_context(|| format!("cannot read object {oid}"))?;
        Ok(Ok(blob.content().to_vec()))
    }

    /// The text of the file at `path` (repository-relative) in the tree of
    /// `commit`, if there is one: a regular file of at most `max` bytes,
    /// inside the tree and not in a `.git` folder.
    pub fn read_at(&self, commit: Oid, path: &Path, max: u64) -> Option<std::io::Result<String>> {
        use std::io::{Error, ErrorKind};
        use std::path::Component;
        let refuse = |r: crate::input::Refusal| Some(Err(Error::other(r.to_string())));
        if !path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return refuse(crate::input::Refusal::Outside);
        }
        if path.components().any(|c| c.as_os_str() == ".git") {
            return refuse(crate::input::Refusal::InGitDir);
        }
        let tree = self.repo.find_commit(commit).ok()?.tree().ok()?;
        let entry = tree.get_path(path).ok()?;
        if !matches!(entry.filemode(), 0o100644 | 0o100755) {
            let kind = if entry.filemode() == 0o120000 {
                "a symlink"
            } else {
                "a folder"
            };
            return refuse(crate::input::Refusal::NotRegular(kind));
        }
        let bytes = match self.read(entry.id(), max) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(refusal)) => return refuse(refusal),
            Err(e) => return Some(Err(Error::other(format!("{e:#}")))),
        };
        Some(String::from_utf8(bytes).map_err(|e| Error::new(ErrorKind::InvalidData, e)))
    }
}

/// Paths of the index with unresolved merge conflicts (stages 1 to 3, no
/// staged version) that `keep` chooses, sorted.
fn unmerged(index: &git2::Index, keep: &dyn Fn(&str) -> bool) -> Vec<String> {
    if !index.has_conflicts() {
        return Vec::new();
    }
    // GIT_INDEX_ENTRY_STAGEMASK.
    let mut out: Vec<String> = index
        .iter()
        .filter(|e| e.flags & 0x3000 != 0)
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
        .filter(|p| keep(p))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `git diff --raw -z --no-abbrev --no-renames` output: one record per
/// path, `:old-mode new-mode old-oid new-oid status NUL path NUL`. `None`
/// if it is not that.
fn parse_raw_diff(raw: &[u8], keep: &dyn Fn(&str) -> bool) -> Option<Staged> {
    let mut staged = Staged::default();
    let mut fields = raw.split(|&b| b == 0);
    while let Some(head) = fields.next().filter(|h| !h.is_empty()) {
        let head = std::str::from_utf8(head.strip_prefix(b":")?).ok()?;
        let path = String::from_utf8_lossy(fields.next()?).into_owned();
        let [_, new_mode, _, new_oid, status] = *head.split(' ').collect::<Vec<_>>() else {
            return None;
        };
        if !keep(&path) {
            continue;
        }
        match status {
            "U" => staged.unmerged.push(path),
            // Regular files only: not symlinks or submodules.
            "A" | "M" | "T" if matches!(new_mode, "100644" | "100755") => {
                staged.changes.push(Change {
                    new: Blob {
                        path,
                        oid: Oid::from_str(new_oid).ok()?,
                    },
                    old: None,
                    added_lines: Vec::new(),
                });
            }
            _ => {}
        }
    }
    Some(staged)
}

fn diff_options() -> DiffOptions {
    let mut o = DiffOptions::new();
    o.ignore_submodules(true).context_lines(0);
    o
}

fn changes(
    diff: &git2::Diff<'_>,
    keep: &dyn Fn(&str) -> bool,
    with_lines: bool,
) -> anyhow::Result<Vec<Change>> {
    let mut out = Vec::new();
    for (i, delta) in diff.deltas().enumerate() {
        if !matches!(
            delta.status(),
            Delta::Added | Delta::Modified | Delta::Renamed | Delta::Copied | Delta::Typechange
        ) {
            continue;
        }
        let new_file = delta.new_file();
        if !matches!(new_file.mode(), FileMode::Blob | FileMode::BlobExecutable) {
            continue;
        }
        let Some(path) = new_file.path().map(path_string) else {
            continue;
        };
        if !keep(&path) {
            continue;
        }
        let old_file = delta.old_file();
        let old = (delta.status() != Delta::Added && !old_file.id().is_zero())
            .then(|| {
                old_file.path().map(|p| Blob {
                    path: path_string(p),
                    oid: old_file.id(),
                })
            })
            .flatten();
        let mut added_lines = Vec::new();
        if with_lines {
            if let Some(patch) = git2::Patch::from_diff(diff, i)? {
                for h in 0..patch.num_hunks() {
                    for l in 0..patch.num_lines_in_hunk(h)? {
                        let line = patch.line_in_hunk(h, l)?;
                        if line.origin() == '+' {
                            added_lines.extend(line.new_lineno());
                        }
                    }
                }
            }
        }
        out.push(Change {
            new: Blob {
                path,
                oid: new_file.id(),
            },
            old,
            added_lines,
        });
    }
    Ok(out)
}

/// `s` as one word for a POSIX shell.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Git writes `/` on every platform: a `\\` in a path is part of a name.
fn path_string(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A path as the index stores it (bytes; not always UTF-8).
fn index_path(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}
