//! A share from a file: a photo or scan of the printed page (PNG or JPEG; the QR code found
//! at any scale and rotation, through some blur), or a text file holding the QR text.

use std::path::Path;

use image::imageops::FilterType;
use image::GrayImage;

/// The largest file read: a phone photo is a few megabytes.
pub const MAX_SHARE_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// The largest image decoded, in pixels (a 50-megapixel photo), so a crafted header cannot
/// ask for gigabytes.
const MAX_PIXELS: u64 = 50_000_000;
/// Above this side the full-size search is skipped: the scaled ones find any code a page holds.
const FULL_SIZE_SEARCH_MAX: u32 = 4000;
/// Photos are searched at this size first: larger is slower and no easier to read.
const SEARCH_SIDE: u32 = 1600;

/// Why a file gave no share text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScanError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    /// Neither an image nor a share's text.
    #[error("{path} is neither a share's text nor a PNG or JPEG image")]
    NotAShare { path: String },
    /// An image in which no QR code could be read: retake the photo straighter, closer or in
    /// better light, or paste the QR text.
    #[error("no readable QR code in {path}: photograph the code flat, filling most of the picture, in good light; or paste its text")]
    NoQrFound { path: String },
}

impl ScanError {
    pub fn kind(&self) -> &'static str {
        match self {
            ScanError::Unreadable { .. } => "io",
            ScanError::NoQrFound { .. } => "no_qr_found",
            ScanError::NotAShare { .. } => "malformed",
        }
    }
}

/// The QR text in `path`: the file's text when it is one (a share starts with `{`), else the
/// first QR code that can be read in the image.
pub fn share_text(path: &Path) -> Result<String, ScanError> {
    let unreadable = |reason: String| ScanError::Unreadable { path: path.display().to_string(), reason };
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
    if !metadata.is_file() || metadata.len() > MAX_SHARE_FILE_BYTES {
        return Err(unreadable(format!("not a file of at most {} MiB", MAX_SHARE_FILE_BYTES >> 20)));
    }
    let bytes = std::fs::read(path).map_err(|error| unreadable(error.to_string()))?;
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.starts_with('{') {
            return Ok(text.to_owned());
        }
    }
    let image = decode(&bytes).map_err(|problem| match problem {
        Decode::NotAnImage => ScanError::NotAShare { path: path.display().to_string() },
        Decode::Failed(reason) => unreadable(reason),
    })?;
    // The QR reader asserts on some images it cannot make sense of: such a photo is one with
    // no readable code, not a reason to stop.
    let found = std::panic::catch_unwind(|| read_qr(&image)).ok().flatten();
    found.ok_or_else(|| ScanError::NoQrFound { path: path.display().to_string() })
}

enum Decode {
    NotAnImage,
    Failed(String),
}

/// The image in grey, its size checked from its header before it is decoded.
fn decode(bytes: &[u8]) -> Result<GrayImage, Decode> {
    let reader = || image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format();
    let guessed = reader().map_err(|error| Decode::Failed(error.to_string()))?;
    if guessed.format().is_none() {
        return Err(Decode::NotAnImage);
    }
    let (width, height) = guessed.into_dimensions().map_err(|error| Decode::Failed(error.to_string()))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Decode::Failed(format!("a {width}×{height} image is larger than any photo of a page")));
    }
    let image = reader().map_err(|error| Decode::Failed(error.to_string()))?.decode();
    Ok(image.map_err(|error| Decode::Failed(error.to_string()))?.to_luma8())
}

/// The first QR text found: at a working size first, then at full size; then the working
/// size made black and white at its mean grey, and a small photo doubled (both undo blur the
/// reader trips on); then smaller (which also smooths noise).
fn read_qr(image: &GrayImage) -> Option<String> {
    let longest = image.width().max(image.height());
    let working = scaled(image, SEARCH_SIDE.min(longest));
    let attempts = [
        Some(working.clone()),
        (longest <= FULL_SIZE_SEARCH_MAX && longest > SEARCH_SIDE).then(|| image.clone()),
        Some(black_and_white(&working)),
        (longest < SEARCH_SIDE).then(|| scaled(image, longest * 2)),
        (longest > SEARCH_SIDE / 2).then(|| scaled(image, SEARCH_SIDE / 2)),
        (longest > SEARCH_SIDE / 4).then(|| scaled(image, SEARCH_SIDE / 4)),
    ];
    attempts.into_iter().flatten().find_map(|attempt| {
        let mut prepared = rqrr::PreparedImage::prepare(attempt);
        prepared.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    })
}

/// `image` with its longest side `side` pixels.
fn scaled(image: &GrayImage, side: u32) -> GrayImage {
    let longest = image.width().max(image.height());
    if side == longest {
        return image.clone();
    }
    let factor = side as f32 / longest as f32;
    let (width, height) = ((image.width() as f32 * factor) as u32, (image.height() as f32 * factor) as u32);
    image::imageops::resize(image, width.max(1), height.max(1), FilterType::Triangle)
}

/// Every pixel black or white, split at the image's mean grey.
fn black_and_white(image: &GrayImage) -> GrayImage {
    let total: u64 = image.pixels().map(|pixel| u64::from(pixel.0[0])).sum();
    let mean = (total / u64::from(image.width() * image.height()).max(1)) as u8;
    let mut out = image.clone();
    out.pixels_mut().for_each(|pixel| pixel.0[0] = if pixel.0[0] < mean { 0 } else { 255 });
    out
}
