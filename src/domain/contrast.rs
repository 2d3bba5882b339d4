//! Colour contrast by WCAG 2.2: a brand colour is accepted only if white text on it is
//! readable (a contrast ratio of at least 4.5:1, success criterion 1.4.3).

/// The least contrast allowed between white text and the brand colour.
pub const MIN_RATIO: f64 = 4.5;

/// Red, green and blue of a `#rrggbb` colour (either case), or `None` for anything else.
pub fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([part(0)?, part(2)?, part(4)?])
}

/// WCAG relative luminance: 0 for black, 1 for white.
pub fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The contrast of white text on `colour`.
pub fn white_text_ratio(colour: [u8; 3]) -> f64 {
    contrast_ratio([255, 255, 255], colour)
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BrandColourError {
    #[error("Enter the brand colour as # and six hexadecimal digits, for example #1d70b8")]
    NotHex,
    #[error(
        "White text on this colour has a contrast of only {ratio:.1} to 1; choose a darker colour (at least 4.5 to 1)"
    )]
    TooLight { ratio: f64 },
}

/// A brand colour people can read white text on, normalised to lower case `#rrggbb`.
pub fn parse_brand_colour(value: &str) -> Result<String, BrandColourError> {
    let value = value.trim();
    let rgb = parse_hex(value).ok_or(BrandColourError::NotHex)?;
    let ratio = white_text_ratio(rgb);
    if ratio < MIN_RATIO {
        return Err(BrandColourError::TooLight { ratio });
    }
    Ok(value.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_and_white_are_the_extremes() {
        assert_eq!(relative_luminance([0, 0, 0]), 0.0);
        assert!((relative_luminance([255, 255, 255]) - 1.0).abs() < 1e-9);
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn known_ratios_match_published_values() {
        // GOV.UK blue #1d70b8 is 5.17:1 against white; the mid grey #767676 is 4.54:1.
        assert!((white_text_ratio([0x1d, 0x70, 0xb8]) - 5.17).abs() < 0.01);
        assert!((white_text_ratio([0x76, 0x76, 0x76]) - 4.54).abs() < 0.01);
        // #777777 is the first grey below 4.5:1.
        assert!(white_text_ratio([0x77, 0x77, 0x77]) < MIN_RATIO);
    }

    #[test]
    fn a_dark_colour_is_accepted_and_lower_cased() {
        assert_eq!(parse_brand_colour(" #1D70B8 "), Ok("#1d70b8".to_string()));
        assert_eq!(parse_brand_colour("#0b0c0c"), Ok("#0b0c0c".to_string()));
        assert_eq!(parse_brand_colour("#767676"), Ok("#767676".to_string()));
    }

    #[test]
    fn a_light_colour_is_refused_with_its_ratio() {
        match parse_brand_colour("#ffdd00") {
            Err(BrandColourError::TooLight { ratio }) => assert!(ratio < 1.5),
            other => panic!("expected TooLight, got {other:?}"),
        }
        assert!(matches!(
            parse_brand_colour("#777777"),
            Err(BrandColourError::TooLight { .. })
        ));
    }

    #[test]
    fn anything_but_hash_and_six_hex_digits_is_refused() {
        for bad in [
            "",
            "1d70b8",
            "#1d70b",
            "#1d70b8f",
            "#1d70bg",
            "blue",
            "#fff",
            "#1d70b8;x",
        ] {
            assert_eq!(
                parse_brand_colour(bad),
                Err(BrandColourError::NotHex),
                "{bad}"
            );
        }
    }
}
