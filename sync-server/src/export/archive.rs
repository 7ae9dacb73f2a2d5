//! Packs an export into one tar.gz: the README first, then the CSV files from the scratch
//! folder, then the files' bytes streamed from blob storage. The archive is written as
//! `<id>.tar.gz.part` and renamed when complete, so a download never sees half an archive.
//! (A tar entry's header carries its size, so each CSV is finished in scratch before it is
//! added; the bytes of files stream straight through.)

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::tables::{BuildError, Written};

/// Opens a blob's bytes: a reader and the length.
pub type OpenBlob<'a> = dyn FnMut(&str) -> std::io::Result<(Box<dyn Read>, u64)> + 'a;

fn header(size: u64, mtime: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(0o644);
    h.set_mtime(mtime);
    h.set_entry_type(tar::EntryType::Regular);
    h
}

/// Writes the archive to `part`; returns its size. `done(n)` after each file's bytes.
pub fn pack(
    scratch: &Path,
    written: &Written,
    readme: &str,
    mtime: u64,
    part: &Path,
    open_blob: &mut OpenBlob<'_>,
    done: &mut dyn FnMut(u64),
) -> Result<u64, BuildError> {
    let out = BufWriter::new(File::create(part)?);
    let mut tar = tar::Builder::new(GzEncoder::new(out, Compression::default()));
    let mut h = header(readme.len() as u64, mtime);
    tar.append_data(&mut h, "README.txt", readme.as_bytes())?;
    for name in &written.files {
        let file = File::open(scratch.join(name))?;
        let mut h = header(file.metadata()?.len(), mtime);
        tar.append_data(&mut h, name, file)?;
    }
    for (i, blob) in written.blobs.iter().enumerate() {
        let (reader, len) = open_blob(&blob.hash)?;
        let mut h = header(len, mtime);
        // The reader is limited to the length in the header, so a blob that grew cannot
        // corrupt the archive.
        tar.append_data(&mut h, &blob.path, reader.take(len))?;
        done(i as u64 + 1);
    }
    let gz = tar.into_inner()?;
    let mut out = gz.finish()?;
    std::io::Write::flush(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(file.metadata()?.len())
}
