"""Follow-up figures from spreadsheets into the annual review (`styrdok follow-up`).

    layout      what the sheets hold for a review: its budget lines, goals and efforts, each
                with the place in the review file its figures go to
    template    the .xlsx to fill in (openpyxl): Budget, Insatser, Mål and Instruktioner
    numbers     Swedish numbers as people type them: '1 250', '3 140,0', text in a number cell
    workbook    reading a filled template back: figures and Swedish cell messages
    national    the national follow-up's CSV export (participants per effort by women and men)
    applying    the figures into the review file, every other line byte for byte as it was
"""
