//! One share as a printable page: its QR code (byte mode, the exact share text), the title,
//! "Share 2 of 5 — any 3 recover the phrase", the date and how to recover, drawn in grey
//! levels into a PNG at 150 dots per inch. The page is 8.27 × 10.67 inches, which fits both
//! A4 and US Letter.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use qrcode::bits::Bits;
use qrcode::{EcLevel, QrCode, Version};

/// 8.27 × 10.67 inches at 150 dpi.
pub const PAGE_WIDTH: u32 = 1240;
pub const PAGE_HEIGHT: u32 = 1600;
const MARGIN: u32 = 100;
/// The QR code's side, quiet zone included, at most.
const QR_SIDE: u32 = 900;

const REGULAR: &[u8] = include_bytes!("../../../ui/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../ui/fonts/DejaVuSans-Bold.ttf");

/// What a page says besides its QR code.
pub struct PageText<'a> {
    pub title: &'a str,
    /// 1-based.
    pub number: usize,
    pub total: usize,
    pub required: usize,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
}

/// A grey page, one byte a pixel, row by row.
pub struct Page {
    pub pixels: Vec<u8>,
}

impl Page {
    fn blank() -> Page {
        Page { pixels: vec![255; (PAGE_WIDTH * PAGE_HEIGHT) as usize] }
    }

    fn darken(&mut self, x: i64, y: i64, coverage: f32) {
        if (0..i64::from(PAGE_WIDTH)).contains(&x) && (0..i64::from(PAGE_HEIGHT)).contains(&y) {
            let pixel = &mut self.pixels[(y * i64::from(PAGE_WIDTH) + x) as usize];
            *pixel = (*pixel).min((255.0 * (1.0 - coverage.clamp(0.0, 1.0))) as u8);
        }
    }

    /// One line of text with its top-left corner at (x, y); returns its width.
    fn text(&mut self, font: &FontRef<'_>, size: f32, x: f32, y: f32, line: &str) -> f32 {
        let scaled = font.as_scaled(PxScale::from(size));
        let mut caret = x;
        for c in line.chars() {
            let glyph = scaled.scaled_glyph(c);
            let advance = scaled.h_advance(glyph.id);
            let glyph = ab_glyph::Glyph { position: ab_glyph::point(caret, y + scaled.ascent()), ..glyph };
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    self.darken(bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy), coverage)
                });
            }
            caret += advance;
        }
        caret - x
    }

    /// `text` wrapped at word boundaries to the page's width; returns the y below it.
    fn paragraph(&mut self, font: &FontRef<'_>, size: f32, mut y: f32, text: &str) -> f32 {
        let scaled = font.as_scaled(PxScale::from(size));
        let width = |line: &str| line.chars().map(|c| scaled.h_advance(scaled.glyph_id(c))).sum::<f32>();
        let room = (PAGE_WIDTH - 2 * MARGIN) as f32;
        let mut line = String::new();
        for word in text.split(' ') {
            let longer = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(&longer) > room && !line.is_empty() {
                self.text(font, size, MARGIN as f32, y, &line);
                y += size * 1.35;
                line = word.to_owned();
            } else {
                line = longer;
            }
        }
        if !line.is_empty() {
            self.text(font, size, MARGIN as f32, y, &line);
            y += size * 1.35;
        }
        y
    }

    /// The QR code of `text` in byte mode (the exact text, as the reference writes it), each
    /// module a square of whole pixels, centred at `top` and fitting above `bottom`; returns
    /// the y below it.
    fn qr(&mut self, text: &str, top: u32, bottom: u32) -> Result<u32, PageError> {
        let code = byte_mode_qr(text.as_bytes()).ok_or(PageError::TooLongForQr)?;
        let modules = code.width() as u32;
        let quiet = 4;
        let room = QR_SIDE.min(bottom.saturating_sub(top));
        let module = room / (modules + 2 * quiet);
        // Below 2 pixels (1/75 inch) a module would not survive printing and a camera.
        if module < 2 {
            return Err(PageError::NoRoomForQr);
        }
        let side = module * (modules + 2 * quiet);
        let left = (PAGE_WIDTH - side) / 2;
        for (index, colour) in code.to_colors().into_iter().enumerate() {
            if colour == qrcode::Color::Dark {
                let (mx, my) = (index as u32 % modules, index as u32 / modules);
                for dy in 0..module {
                    for dx in 0..module {
                        let x = left + (quiet + mx) * module + dx;
                        let y = top + (quiet + my) * module + dy;
                        self.pixels[(y * PAGE_WIDTH + x) as usize] = 0;
                    }
                }
            }
        }
        Ok(top + side)
    }
}

/// The smallest QR code holding `data` as one byte-mode segment, at level M (15% of the code
/// can be lost) where it fits, else L.
fn byte_mode_qr(data: &[u8]) -> Option<QrCode> {
    [EcLevel::M, EcLevel::L].into_iter().find_map(|level| {
        (1..=40).find_map(|version| {
            let mut bits = Bits::new(Version::Normal(version));
            bits.push_byte_data(data).ok()?;
            bits.push_terminator(level).ok()?;
            QrCode::with_bits(bits, level).ok()
        })
    })
}

/// Why a share's page could not be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The share's text is longer than any QR code holds.
    #[error("a share does not fit in a QR code: use a shorter title")]
    TooLongForQr,
    /// The title takes so much of the page that the code would be too small to print.
    #[error("the title leaves no room for the QR code on the page: use a shorter title")]
    NoRoomForQr,
}

/// The room kept below the QR code for the instructions.
const INSTRUCTIONS_HEIGHT: u32 = 200;

/// The page of one share.
pub fn render(share_text: &str, about: &PageText<'_>) -> Result<Page, PageError> {
    let regular = FontRef::try_from_slice(REGULAR).expect("the bundled font parses");
    let bold = FontRef::try_from_slice(BOLD).expect("the bundled font parses");
    let mut page = Page::blank();
    let mut y = page.paragraph(&bold, 52.0, MARGIN as f32, about.title);
    y = page.paragraph(
        &regular,
        34.0,
        y + 6.0,
        &format!("Share {} of {} — any {} recover the phrase", about.number, about.total, about.required),
    );
    y = page.paragraph(&regular, 26.0, y, &format!("Made {}", about.date));
    let below = page.qr(share_text, y as u32 + 10, PAGE_HEIGHT - MARGIN - INSTRUCTIONS_HEIGHT)?;
    page.paragraph(
        &regular,
        24.0,
        below as f32 + 10.0,
        &format!(
            "To recover: scan any {} of the {} shares in AXIA Signer (+ Add Identity, Recover from paper \
             shares) or in Parity's Banana Split, then type the four-word passphrase. The passphrase is not \
             on any share: keep it apart from them. Fewer than {} shares reveal nothing.",
            about.required, about.total, about.required
        ),
    );
    Ok(page)
}

/// The page as a PNG file (8-bit grey).
pub fn png(page: &Page) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, PAGE_WIDTH, PAGE_HEIGHT);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    // 150 dots per inch, so it prints at its size.
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: 5906, yppu: 5906, unit: png::Unit::Meter }));
    let mut writer = encoder.write_header().expect("writing to memory");
    writer.write_image_data(&page.pixels).expect("writing to memory");
    writer.finish().expect("writing to memory");
    bytes
}
