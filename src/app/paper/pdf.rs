//! The share pages as one PDF, a page each: every page 8.27 × 11 inches (A4's width, Letter's
//! height, so it prints at 100% on either) holding the share's PNG at 150 dpi. The PNG's own
//! compressed rows go into the PDF unchanged: PDF's Flate filter with PNG predictors reads
//! them as they are.

use std::io::Write as _;

use super::page::{PAGE_HEIGHT, PAGE_WIDTH};

/// The page in points: A4's width and US Letter's height, the largest that fits both.
const PAGE: (f32, f32) = (595.28, 792.0);

/// The IDAT chunks of a PNG made by [`super::page::png`], joined: one zlib stream.
fn idat(png: &[u8]) -> Vec<u8> {
    let mut data = Vec::new();
    let mut at = 8; // the signature
    while at + 8 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes")) as usize;
        let kind = &png[at + 4..at + 8];
        if kind == b"IDAT" {
            data.extend_from_slice(&png[at + 8..at + 8 + length]);
        }
        at += 12 + length;
    }
    data
}

/// The PDF of `pages` (PNG files of [`PAGE_WIDTH`] × [`PAGE_HEIGHT`] grey pixels).
pub fn pdf(pages: &[Vec<u8>]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets: Vec<usize> = Vec::new();
    let object = |out: &mut Vec<u8>, offsets: &mut Vec<usize>, body: &[u8]| {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", offsets.len()).expect("memory");
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    // Objects 1 and 2: the catalogue and the page tree; then three per page.
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    object(&mut out, &mut offsets, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(
        &mut out,
        &mut offsets,
        format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).as_bytes(),
    );
    let (width, height) = (PAGE_WIDTH as f32 * 72.0 / 150.0, PAGE_HEIGHT as f32 * 72.0 / 150.0);
    let (left, bottom) = ((PAGE.0 - width) / 2.0, (PAGE.1 - height) / 2.0);
    for (index, png) in pages.iter().enumerate() {
        let first = 3 + 3 * index;
        object(
            &mut out,
            &mut offsets,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /XObject << /Share {} 0 R >> >> /Contents {} 0 R >>",
                PAGE.0,
                PAGE.1,
                first + 2,
                first + 1
            )
            .as_bytes(),
        );
        let drawing = format!("q {width:.2} 0 0 {height:.2} {left:.2} {bottom:.2} cm /Share Do Q");
        object(
            &mut out,
            &mut offsets,
            format!("<< /Length {} >>\nstream\n{drawing}\nendstream", drawing.len()).as_bytes(),
        );
        let rows = idat(png);
        let mut image = format!(
            "<< /Type /XObject /Subtype /Image /Width {PAGE_WIDTH} /Height {PAGE_HEIGHT} /ColorSpace /DeviceGray \
             /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 \
             /Columns {PAGE_WIDTH} >> /Length {} >>\nstream\n",
            rows.len()
        )
        .into_bytes();
        image.extend_from_slice(&rows);
        image.extend_from_slice(b"\nendstream");
        object(&mut out, &mut offsets, &image);
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).expect("memory");
    for offset in &offsets {
        writeln!(out, "{offset:010} 00000 n ").expect("memory");
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).expect("memory");
    out
}
