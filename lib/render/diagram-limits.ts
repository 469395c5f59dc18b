/** Mermaid's default maxTextSize: it draws a longer source as an error picture instead of the diagram. */
export const MERMAID_MAX_TEXT = 50_000;
