//! A share from a file: a photo or scan of the printed page (PNG or JPEG; the QR code found
//! at any scale and rotation, through some blur), or a text file holding the QR text.

use std::path::Path;

use image::imageops::FilterType;
use image::GrayImage;

/// The largest file read: a phone photo is a few megabytes.
pub const MAX_SHARE_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// The largest image decoded, in pixels (a 100-megapixel scan), so a crafted header cannot
/// ask for gigabytes.
const MAX_PIXELS: u64 = 100_000_000;
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
        if text.trim_start().starts_with('{') {
            return Ok(text.trim().to_owned());
        }
    }
    let image = decode(&bytes).map_err(|problem| match problem {
        Decode::NotAnImage => ScanError::NotAShare { path: path.display().to_string() },
        Decode::Failed(reason) => unreadable(reason),
    })?;
    read_qr(&image).ok_or_else(|| ScanError::NoQrFound { path: path.display().to_string() })
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

/// The first QR text found: at a working size first, then at full size, then smaller (which
/// also smooths noise and blur).
fn read_qr(image: &GrayImage) -> Option<String> {
    let longest = image.width().max(image.height());
    let sizes = [SEARCH_SIDE.min(longest), longest, SEARCH_SIDE / 2, SEARCH_SIDE / 4];
    sizes.into_iter().filter(|&side| side >= 100 && side <= longest).find_map(|side| {
        let scaled;
        let image = if side == longest {
            image
        } else {
            let factor = side as f32 / longest as f32;
            let (width, height) = ((image.width() as f32 * factor) as u32, (image.height() as f32 * factor) as u32);
            scaled = image::imageops::resize(image, width.max(1), height.max(1), FilterType::Triangle);
            &scaled
        };
        let mut prepared = rqrr::PreparedImage::prepare(image.clone());
        prepared.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    })
}
