import type { Workbook, Worksheet } from 'exceljs';

/**
 * A worksheet that prints as the forms are filed: A4 landscape, one page wide (as many pages tall as
 * it needs), centred. `margin` is the left/right margin in inches; top and bottom take 0.1 more.
 */
export function a4LandscapeSheet(workbook: Workbook, name: string, margin: number): Worksheet {
  return workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: margin, right: margin, top: margin + 0.1, bottom: margin + 0.1, header: 0.3, footer: 0.3 },
    },
  });
}
