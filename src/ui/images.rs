//! Pixel images for the account screen: the polkadot-js identicon and the address QR code.

use slint::{Image, Rgba8Pixel, SharedPixelBuffer};

const IDENTICON_PIXELS: u16 = 112;
const QR_MODULE_PIXELS: u32 = 4;
const QR_QUIET_MODULES: u32 = 4;

/// The 19-circle identicon polkadot-js shows for an account id.
pub fn identicon(account_id: &[u8; 32]) -> Image {
    let colours = plot_icon::colors::get_colors(account_id);
    let rgba = plot_icon::circles::calculate_png_data(IDENTICON_PIXELS, colours);
    let size = u32::from(IDENTICON_PIXELS);
    Image::from_rgba8(SharedPixelBuffer::clone_from_slice(&rgba, size, size))
}

/// A QR code of `payload`, black on white with the standard quiet zone; an empty image if
/// the payload cannot be encoded (it always can: an address line is short).
pub fn qr(payload: &str) -> Image {
    let Ok(code) = qrcode::QrCode::new(payload.as_bytes()) else { return Image::default() };
    let modules = code.width() as u32;
    let colours = code.to_colors();
    let side = (modules + 2 * QR_QUIET_MODULES) * QR_MODULE_PIXELS;
    let mut buffer = SharedPixelBuffer::<Rgba8Pixel>::new(side, side);
    let white = Rgba8Pixel { r: 255, g: 255, b: 255, a: 255 };
    let black = Rgba8Pixel { r: 0, g: 0, b: 0, a: 255 };
    for (index, pixel) in buffer.make_mut_slice().iter_mut().enumerate() {
        let (x, y) = (index as u32 % side, index as u32 / side);
        let (mx, my) = (x / QR_MODULE_PIXELS, y / QR_MODULE_PIXELS);
        let inside = (QR_QUIET_MODULES..QR_QUIET_MODULES + modules).contains(&mx)
            && (QR_QUIET_MODULES..QR_QUIET_MODULES + modules).contains(&my);
        let dark = inside
            && colours[((my - QR_QUIET_MODULES) * modules + (mx - QR_QUIET_MODULES)) as usize] == qrcode::Color::Dark;
        *pixel = if dark { black } else { white };
    }
    Image::from_rgba8(buffer)
}
