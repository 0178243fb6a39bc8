/* gengeo report pages: draw each figure's ECharts option (the JSON script element "ID-spec" after
   each plot element "ID"), offer its other colourings in a chooser, and format tooltips as the
   series name, then one "dimension: value" line per value of the hovered point. */
(function () {
  'use strict';
  function text(v) {
    if (typeof v !== 'number') { return String(v); }
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(5)));
  }
  function escape(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  }
  function point(p) {
    var lines = [p.marker + '<b>' + escape(p.seriesName) + '</b>'];
    var names = p.dimensionNames || [];
    var values = Array.isArray(p.value) ? p.value : [p.value];
    values.forEach(function (v, i) { lines.push(escape(names[i] || '') + ': ' + escape(text(v))); });
    return lines.join('<br/>');
  }
  function tooltip(params) {
    return Array.isArray(params) ? params.map(point).join('<br/>') : point(params);
  }
  document.querySelectorAll('div.plot').forEach(function (div) {
    var spec = JSON.parse(document.getElementById(div.id + '-spec').textContent);
    var chart = echarts.init(div, null, {renderer: 'svg'});
    function show(k) {
      var option = spec.variants[k].option;
      option.tooltip.formatter = tooltip;
      (option.series || []).forEach(function (s) {
        if (s.label && s.label.show) {
          s.label.formatter = function (p) { return text(p.value[1]); };
        }
      });
      chart.setOption(option, true);
    }
    if (spec.variants.length > 1) {
      var label = document.createElement('label');
      label.className = 'colour-by';
      label.appendChild(document.createTextNode('colour by '));
      var select = document.createElement('select');
      spec.variants.forEach(function (v, k) {
        var o = document.createElement('option');
        o.value = String(k);
        o.textContent = v.label;
        select.appendChild(o);
      });
      select.addEventListener('change', function () { show(Number(select.value)); });
      label.appendChild(select);
      div.parentNode.insertBefore(label, div);
    }
    show(0);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
