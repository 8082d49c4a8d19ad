/*
 * Draws the report's charts with Chart.js (inlined above) from the JSON in #report-data. Values arrive as exact
 * decimal text and are turned into numbers for drawing only; tables show the exact figures. No network, no storage.
 */
(function () {
    'use strict';
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var formats = {
        money: new Intl.NumberFormat(data.locale, { style: 'currency', currency: data.currency }),
        price: new Intl.NumberFormat(data.locale, {
            style: 'currency',
            currency: data.currency,
            maximumFractionDigits: 4,
        }),
    };
    var toNumber = function (value) {
        if (value === null) return null;
        if (Array.isArray(value)) return value.map(toNumber);
        return Number(value);
    };
    Chart.defaults.animation = false;
    Chart.defaults.color = '#1f2328';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Object.keys(data.charts).forEach(function (id) {
        var spec = data.charts[id];
        var config = spec.config;
        var format = formats[spec.format];
        config.data.datasets.forEach(function (dataset) {
            dataset.data = dataset.data.map(toNumber);
        });
        var axis = config.options.scales[spec.valueAxis];
        if (spec.logarithmic) {
            axis.type = 'logarithmic';
            axis.beginAtZero = false;
        }
        axis.ticks = {
            callback: function (value) {
                if (spec.logarithmic) {
                    var mantissa = value / Math.pow(10, Math.floor(Math.log10(value)));
                    if ([1, 2, 5].indexOf(Math.round(mantissa)) < 0 || Math.abs(mantissa - Math.round(mantissa)) > 1e-9)
                        return '';
                }
                return format.format(value);
            },
        };
        config.options.plugins.tooltip = {
            callbacks: {
                label: function (context) {
                    var raw = context.raw;
                    var shown = Array.isArray(raw)
                        ? format.format(raw[0]) + ' – ' + format.format(raw[1])
                        : format.format(raw);
                    var notes = spec.notes && spec.notes[context.datasetIndex];
                    var note = notes && notes[context.dataIndex];
                    return context.dataset.label + ': ' + shown + (note ? ' (' + note + ')' : '');
                },
            },
        };
        new Chart(document.getElementById(id), config);
    });
})();
