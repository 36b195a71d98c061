"""The assessment record: pinned pack versions, the typed submission record, rescoring and its drift."""
