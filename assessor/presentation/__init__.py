"""The one presentation layer: the gettext catalogues, labels and locale formats that pages, the PDF
report, the blank questionnaire and the command line all use."""
