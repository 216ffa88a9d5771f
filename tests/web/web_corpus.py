"""Small fabricated articles for the web tests: two stories, and hostile ones for the XSS battery."""

from __future__ import annotations

#: what every payload sets when (and only when) a script of it runs in the browser
FLAG = "__xss"

PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<img src=x onerror=\"window.__xss=1;alert(1)\">",
    "<img src=x onerror=window.__xss=1>",
    "\"><svg onload=\"window.__xss=1\">",
    "'><svg/onload=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "</pre></mark><script>window.__xss=1</script>",
    "<iframe src=\"javascript:window.top.__xss=1\"></iframe>",
    "<a href=\"javascript:window.__xss=1\">click</a>",
    "<div hx-get=\"/api/articles\" hx-trigger=\"load\" hx-on::after-request=\"window.__xss=1\">x</div>",
    "<style>body{display:none}</style><link rel=stylesheet href=//evil.invalid/x.css>",
    "{{ 7*7 }} {% raw %} ${7*7} <!-- comment --> ]]> <![CDATA[ x ]]>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
]

HOSTILE_TEXT = (
    "Hostile page <script>window.__xss=1;alert('text')</script> said on Monday.\n\n"
    + "\n\n".join(f"Paragraph {i}: France and Germany signed an agreement {p} in Paris, officials said."
                  for i, p in enumerate(PAYLOADS))
    + "\n"
)

ARTICLES = [
    {"id": "trade-1", "published": "2024-03-04", "url": "https://news.example/trade-1", "source": "news.example",
     "title": "France and Germany sign a trade agreement in Paris",
     "text": ("France and Germany signed a trade agreement in Paris on Monday, officials said.\n\n"
              "President Emmanuel Macron said the deal was \"a good day for Europe\". German officials said the "
              "agreement would cut tariffs on steel.\n\n"
              "The two countries will meet again in Berlin on 12 April to discuss energy, according to the "
              "French foreign ministry.\n")},
    {"id": "trade-2", "published": "2024-03-05", "url": "https://wire.example/trade-2", "source": "wire.example",
     "title": "Trade agreement between France and Germany cuts steel tariffs",
     "text": ("Germany and France signed an agreement on steel tariffs in Paris on Monday.\n\n"
              "Chancellor Olaf Scholz said the agreement was fair. France praised Germany for the deal.\n\n"
              "Critics said the tarifs would rise again next year. Click here to subscribe to our newsletter.\n")},
    {"id": "quake-1", "published": "2024-05-10", "url": "http://quake.example/a?x=1&y=<b>", "source": "quake.example",
     "title": "Earthquake strikes northern Chile",
     "text": ("A magnitude 6.1 earthquake struck northern Chile on Friday, the national seismology office said.\n\n"
              "Chile asked Peru for help with rescue teams. Peru sent aid to Chile on Saturday.\n\n"
              "Officials in Santiago said at least 12 people were injured.\n")},
    {"id": "quake-2", "published": "2024-05-11", "url": "https://other.example/quake", "source": "other.example",
     "title": "Chile earthquake: Peru sends rescue teams",
     "text": ("Peru sent rescue teams to northern Chile after Friday's magnitude 6.1 earthquake, Chilean officials "
              "said.\n\nChile thanked Peru for the aid. The earthquake injured 12 people in the north.\n")},
    {"id": "xss/<script>window.__xss=1</script>", "published": "2024-03-06",
     "url": "javascript:window.__xss=1//", "source": "<b>evil</b>",
     "title": "<script>window.__xss=1;alert('title')</script><img src=x onerror=window.__xss=1>",
     "text": HOSTILE_TEXT},
    {"id": "xss-2", "published": "2024-03-07", "url": "JaVaScRiPt:window.__xss=1",
     "title": "\"><svg onload=window.__xss=1> </textarea> agreement",
     "text": "France signed an agreement with Germany. " + " ".join(PAYLOADS) + "\n"},
    {"id": "xss-3", "published": "2024-03-08", "url": " javascript:window.__xss=1",
     "title": "data url",
     "text": "<a href='data:text/html,<script>window.__xss=1</script>'>x</a> France met Germany.\n"},
]

STAGES = "structure,entities,time,events,claims,checks,score"
