"""Event coding: who did what to whom, when and where (CAMEO codes, PLOVER categories).

- :mod:`.lexicon`: the converted PETRARCH-2 verb patterns, CAMEO->PLOVER, GDELT lookups, cues;
- :mod:`.match`: verb patterns over spaCy's dependency parse;
- :mod:`.actors`: source/target noun phrases -> CAMEO actor codes and entity ids;
- :mod:`.modality`: asserted / reported / planned / hypothetical / negated / historical;
- :mod:`.coder`: one sentence -> its main event(s);
- :mod:`.tables`: events from event-list tables;
- :mod:`.export`: GDELT 2.0 TSV, PLOVER JSON, JSONL.
"""
