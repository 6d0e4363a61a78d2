//! Reading the files pmlint is asked to lint, and the files a config names,
//! without letting one of them hang, exhaust or leak: only regular files are
//! opened (never a FIFO, socket or device), a symlink is followed only when
//! it stays inside the tree it was found in, at most `max-file-size` bytes
//! are read, and binary content is recognised from its first bytes.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The default `max-file-size`: far above any postmortem, far below what
/// hurts a CI machine.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How many leading bytes decide whether a file is binary.
pub const SNIFF_LEN: usize = 8192;

/// Where a NUL byte is in the first [`SNIFF_LEN`] bytes: such a file is
/// binary. A NUL further in is just a character of a text file.
pub fn binary_at(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_LEN)])
}

/// `bytes` as text of the same length: each byte that is not part of valid
/// UTF-8 becomes U+001A (SUBSTITUTE), so that offsets into the text are
/// offsets into the file as stored. Output shows it as U+FFFD.
pub fn decode_keeping_offsets(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(after.len());
                out.extend(std::iter::repeat_n('\u{1a}', bad));
                rest = &after[bad..];
            }
        }
    }
    out
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A FIFO, socket, device or folder.
    NotRegular(&'static str),
    /// A symlink whose target leaves the tree it was found in.
    Escapes(PathBuf),
    /// A path a config names that is outside the trees it may name.
    Outside,
    /// A path inside a `.git` folder: git's own files (its config may hold
    /// credentials) are never a pack or a postmortem.
    InGitDir,
    /// A symlink to nothing.
    Dangling(PathBuf),
    TooLarge {
        size: Option<u64>,
        max: u64,
    },
    Io(io::Error),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            Refusal::Escapes(target) => write!(
                f,
                "a symlink to {}, outside the repository; pmlint does not follow it",
                target.display()
            ),
            Refusal::Outside => write!(
                f,
                "outside the repository and the config file's folder, where pmlint reads no files"
            ),
            Refusal::InGitDir => write!(f, "inside a .git folder, whose files pmlint never reads"),
            Refusal::Dangling(target) => write!(f, "a symlink to {}, which does not exist", target.display()),
            Refusal::TooLarge { size, max } => {
                let max = human_size(*max);
                match size {
                    Some(size) => write!(f, "too large ({}; the limit is {max}", human_size(*size))?,
                    None => write!(f, "too large (over the limit of {max}")?,
                }
                write!(f, ", set by `max-file-size` in pmlint.toml)")
            }
            Refusal::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Self {
        Refusal::Io(e)
    }
}

/// "16 MiB", "1.5 KiB", "300 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The trees symlinks may lead into: a folder as given and as the file
/// system resolves it (they differ when the path to it holds a symlink).
#[derive(Clone, Debug, Default)]
pub struct Tree {
    roots: Vec<(PathBuf, PathBuf)>,
    /// No root: any path will do (but never one in a `.git` folder).
    anywhere: bool,
}

impl Tree {
    pub fn new<'a>(folders: impl IntoIterator<Item = &'a Path>) -> Tree {
        let roots = folders
            .into_iter()
            .map(|f| {
                let lexical = crate::paths::normalize(&absolute(f));
                let real = std::fs::canonicalize(&lexical).unwrap_or_else(|_| lexical.clone());
                (lexical, real)
            })
            .collect();
        Tree {
            roots,
            anywhere: false,
        }
    }

    /// A tree holding every path (for a file the user named).
    pub fn anywhere() -> Tree {
        Tree {
            roots: Vec::new(),
            anywhere: true,
        }
    }

    /// Is `path` (absolute, normalised) inside the tree as written?
    fn holds_lexically(&self, path: &Path) -> bool {
        self.roots
            .iter()
            .any(|(lexical, real)| path.starts_with(lexical) || path.starts_with(real))
    }

    /// The (resolved) root holding `real`, the deepest if several do.
    fn root_of<'p>(&'p self, real: &'p Path) -> Option<&'p Path> {
        if self.anywhere {
            return real.ancestors().last();
        }
        self.roots
            .iter()
            .map(|(_, r)| r.as_path())
            .filter(|r| real.starts_with(r))
            .max_by_key(|r| r.components().count())
    }

    /// Where `path` really is, when reading it stays inside the tree: a path
    /// written inside it must not resolve outside it. With `strict` (for the
    /// paths a config file names), a path written outside it is refused too,
    /// and so is one inside a `.git` folder. With the path, what it is when
    /// that is known already (it is not a symlink).
    pub fn resolve(&self, path: &Path, strict: bool) -> Result<(PathBuf, Option<Metadata>), Refusal> {
        let path = crate::paths::normalize(&absolute(path));
        // Not even whether it exists: that would tell a config what is there.
        if strict && !self.anywhere && !self.holds_lexically(&path) {
            return Err(Refusal::Outside);
        }
        // Discovery never walks through a symlinked folder, so only a file
        // that is itself a symlink needs resolving (the common case costs one
        // lstat); a config's paths are always resolved.
        if !strict {
            let meta = std::fs::symlink_metadata(&path)?;
            if !meta.file_type().is_symlink() {
                return Ok((path, Some(meta)));
            }
        }
        let real = match std::fs::canonicalize(&path) {
            Ok(real) => real,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(match std::fs::read_link(&path) {
                    Ok(target) => Refusal::Dangling(target),
                    Err(_) => Refusal::Io(e),
                });
            }
            Err(e) => return Err(Refusal::Io(e)),
        };
        let Some(root) = self.root_of(&real) else {
            return if self.holds_lexically(&path) {
                Err(Refusal::Escapes(real))
            } else if strict {
                Err(Refusal::Outside)
            } else {
                Ok((real, None))
            };
        };
        let in_git_dir = real
            .strip_prefix(root)
            .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == ".git"));
        if strict && in_git_dir {
            return Err(Refusal::InGitDir);
        }
        Ok((real, None))
    }
}

fn absolute(path: &Path) -> std::borrow::Cow<'_, Path> {
    if path.is_absolute() {
        path.into()
    } else {
        std::env::current_dir().unwrap_or_default().join(path).into()
    }
}

/// Reads a file for linting: a regular file (a symlink may lead to one
/// inside `tree`), at most `max` bytes. Binary content stops the reading
/// after the first [`SNIFF_LEN`] bytes (enough for [`binary_at`] to find
/// the NUL), so a huge binary costs nothing.
pub fn read(path: &Path, tree: &Tree, strict: bool, max: u64) -> Result<Vec<u8>, Refusal> {
    let (real, known) = tree.resolve(path, strict)?;
    let (file, meta) = open_regular_as(&real, known)?;
    read_open(file, Some(meta.len()), max)
}

/// Reads a file a config names (a pack or template) as text, with the same
/// rules as [`read`] and `strict` confinement.
pub fn read_text(path: &Path, tree: &Tree, max: u64) -> io::Result<String> {
    let to_io = |r: Refusal| match r {
        Refusal::Io(e) => e,
        other => io::Error::other(other.to_string()),
    };
    let bytes = read(path, tree, true, max).map_err(to_io)?;
    if binary_at(&bytes).is_some() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "binary file (it has a NUL byte)",
        ));
    }
    String::from_utf8(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8"))
}

/// Reads at most `max` bytes from `source` (standard input, an open file).
pub fn read_open(mut source: impl Read, size: Option<u64>, max: u64) -> Result<Vec<u8>, Refusal> {
    if let Some(size) = size.filter(|&s| s > max) {
        return Err(Refusal::TooLarge {
            size: Some(size),
            max,
        });
    }
    let mut bytes = Vec::with_capacity(SNIFF_LEN);
    (&mut source).take(SNIFF_LEN as u64).read_to_end(&mut bytes)?;
    if binary_at(&bytes).is_some() {
        return Ok(bytes);
    }
    // Text so far; short of the sniff's length, the end is reached.
    if bytes.len() == SNIFF_LEN {
        // Room for the rest (no more than the limit).
        let expected = size.unwrap_or(0).min(max) as usize;
        bytes.reserve(expected.saturating_sub(bytes.len()));
        // One byte more than allowed tells "too large" from "exactly the limit".
        let rest = max.saturating_add(1).saturating_sub(bytes.len() as u64);
        source.take(rest).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > max {
        return Err(Refusal::TooLarge { size, max });
    }
    Ok(bytes)
}

/// Opens `path` only if it is a regular file, without blocking on a FIFO or
/// opening a device (opening one can have effects of its own).
pub fn open_regular(path: &Path) -> Result<(File, Metadata), Refusal> {
    open_regular_as(path, None)
}

/// [`open_regular`], when what `path` is (not a symlink) is known already.
fn open_regular_as(path: &Path, known: Option<Metadata>) -> Result<(File, Metadata), Refusal> {
    let meta = match known {
        Some(meta) => meta,
        None => std::fs::metadata(path)?,
    };
    check_regular(&meta)?;
    let file = open_nonblocking(path)?;
    // It may have been swapped since `metadata`: ask the open file.
    let meta = file.metadata()?;
    check_regular(&meta)?;
    Ok((file, meta))
}

fn check_regular(meta: &Metadata) -> Result<(), Refusal> {
    match kind_of(meta) {
        None => Ok(()),
        Some(kind) => Err(Refusal::NotRegular(kind)),
    }
}

/// What a file that is not a regular file is: "a FIFO", "a folder"...
pub fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a folder")
    } else {
        Some(special_kind(&t))
    }
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_keeps_every_offset() {
        let bytes = b"caf\xe9 \xf0\x9f\x94 ok \xe2\x82\xac";
        let text = decode_keeping_offsets(bytes);
        assert_eq!(text.len(), bytes.len());
        assert_eq!(text, "caf\u{1a} \u{1a}\u{1a}\u{1a} ok \u{20ac}");
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(300), "300 bytes");
        assert_eq!(human_size(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(1 << 30), "1 GiB");
    }

    #[test]
    fn the_limit_is_inclusive_and_unknown_sizes_are_read_with_it() {
        let data = [b'a'; 100];
        assert_eq!(read_open(&data[..], None, 100).unwrap().len(), 100);
        assert!(matches!(
            read_open(&data[..], None, 99),
            Err(Refusal::TooLarge { size: None, max: 99 })
        ));
        assert!(matches!(
            read_open(&data[..], Some(100), 99),
            Err(Refusal::TooLarge { size: Some(100), .. })
        ));
    }

    #[test]
    fn binary_content_stops_the_read_after_the_sniffed_prefix() {
        let mut data = vec![b'a'; 3 * SNIFF_LEN];
        data[10] = 0;
        let b = read_open(&data[..], None, u64::MAX).unwrap();
        assert_eq!(b.len(), SNIFF_LEN);
        assert_eq!(binary_at(&b), Some(10));
        // A NUL past the prefix does not make a file binary.
        let mut text = vec![b'a'; 2 * SNIFF_LEN];
        text[SNIFF_LEN + 5] = 0;
        assert_eq!(binary_at(&text), None);
    }
}
