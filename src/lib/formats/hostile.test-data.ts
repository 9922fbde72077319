/** Strings that break naive serializers: markup, quotes, entities, line breaks, unicode, format syntax. */
export const HOSTILE = [
	'<script>alert("x")</script> & friends',
	'Quotes: "double", \'single\', `back`, “curly” and «guillemets»',
	'Entities stay literal: &amp; &lt; &#60; &nbsp; ]]> <![CDATA[ x ]]>',
	'Two lines\nand a third\n\nafter a blank',
	'Unicode: 漢字, Ελληνικά, emoji 👩‍🔬🇺🇦, RTL עברית, combining é',
	'Argdown syntax: [title]: <arg>: + - <_ >< #tag @[mention] **bold** _it_ // not a comment /* nor this */ {a: 1}',
	'Kialo syntax: 1.1. Pro: -> See 1.2. \\ backslash * star',
	'Markdown: # heading | table | > quote ~strike~ [link](http://x)',
	'JSON-ish: {"format":"argmap"} \\u0000 \\n'
];
