// A fingerprint as people read it aloud or compare it on paper: groups of four hex digits.
export const grouped = (fp: string) => fp.replace(/(.{4})(?!$)/g, '$1 ');
