// Runs inside the preview page in Chromium, after adaptivecards.js (the real renderer, UMD build).
// Defines window.renderCard(json): renders one card into #frame with a Teams-like light host
// config and reports what the renderer warned about. Plain browser JavaScript on purpose: the
// project compiles without the DOM library, and the page must not depend on the build.
/* global window, document, AdaptiveCards */
(function () {
  'use strict';

  // Teams (light theme), as the Agents Playground renders it: text #252424, subtle 75 %, accent
  // purple, Teams' good/warning/attention colours, 16 px card padding, 12/14/18/24 px type.
  var FONT =
    "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, " +
    "'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

  function colours(normal, subtle) {
    return { default: normal, subtle: subtle };
  }

  var FOREGROUND = {
    default: colours('#252424', '#BF252424'),
    dark: colours('#252424', '#BF252424'),
    light: colours('#FFFFFF', '#BFFFFFFF'),
    accent: colours('#6264A7', '#8B8CC7'),
    good: colours('#92C353', '#BF92C353'),
    warning: colours('#F8D22A', '#BFF8D22A'),
    attention: colours('#C4314B', '#BFC4314B'),
  };

  var HOST_CONFIG = {
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E1DFDD' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUND },
      emphasis: { backgroundColor: '#F5F5F5', foregroundColors: FOREGROUND },
      accent: { backgroundColor: '#E2E2F6', foregroundColors: FOREGROUND },
      good: { backgroundColor: '#E7F2DA', foregroundColors: FOREGROUND },
      warning: { backgroundColor: '#FBF6D9', foregroundColors: FOREGROUND },
      attention: { backgroundColor: '#FFC5B2', foregroundColors: FOREGROUND },
    },
    actions: {
      // Teams shows at most six actions per action set.
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      iconPlacement: 'leftOfTitle',
    },
    inputs: {
      label: {
        requiredInputs: { weight: 'default', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'default' },
      },
      errorMessage: { size: 'small', color: 'attention' },
    },
  };

  // The Markdown subset Teams renders in TextBlocks: **bold**, _italic_, [links](url), numbered
  // and bulleted lists, line breaks. Everything is escaped first, so card text cannot inject HTML.
  function escapeHtml(text) {
    return text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  function inline(text) {
    return escapeHtml(text)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
      .replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(((?:https?:|mailto:|tel:)[^)\s]+)\)/g, '<a href="$2">$1</a>');
  }

  function markdown(text) {
    var html = [];
    var paragraph = [];
    var list = null;
    function flushParagraph() {
      if (paragraph.length) html.push('<p>' + paragraph.join('<br>') + '</p>');
      paragraph = [];
    }
    function flushList() {
      if (list) html.push(list.open + list.items.join('') + '</' + list.tag + '>');
      list = null;
    }
    text.split(/\r?\n/).forEach(function (line) {
      var numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
      var bulleted = /^\s*[-*]\s+(.*)$/.exec(line);
      if (numbered || bulleted) {
        flushParagraph();
        var tag = numbered ? 'ol' : 'ul';
        if (!list || list.tag !== tag) {
          flushList();
          var start = numbered && numbered[1] !== '1' ? ' start="' + numbered[1] + '"' : '';
          list = { tag: tag, open: '<' + tag + start + '>', items: [] };
        }
        list.items.push('<li>' + inline(numbered ? numbered[2] : bulleted[1]) + '</li>');
      } else if (line.trim() === '') {
        flushParagraph();
        flushList();
      } else {
        flushList();
        paragraph.push(inline(line));
      }
    });
    flushParagraph();
    flushList();
    return html.join('');
  }

  window.renderCard = function (json) {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
    var card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
    var context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);

    var warnings = [];
    for (var i = 0; i < context.eventCount; i++) warnings.push('parse: ' + context.getEventAt(i).message);
    card.validateProperties().validationEvents.forEach(function (event) {
      var where = event.source && event.source.id ? ' (' + event.source.id + ')' : '';
      warnings.push('validate: ' + event.message + where);
    });

    var frame = document.getElementById('frame');
    frame.replaceChildren(card.render());
    return warnings;
  };
})();
