//! The 条例 (2019 revision) as data, and citations of it found in text.
//! (Being filled in: see the law work package.)
