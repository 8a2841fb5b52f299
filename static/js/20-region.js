/* Region selector (views/components/regionselect.templ). Without this file
   each step is a GET page (/region?province=…); with it, choosing a place
   loads its children from /api/v1/regions/{code}/children and builds the
   next select in place, so the steps become one control. */
(function () {
  'use strict';

  if (!window.fetch || !document.querySelectorAll) {
    return;
  }

  function attr(el, name) {
    return el.getAttribute(name) || '';
  }

  function levelWraps(box) {
    return Array.prototype.slice.call(box.querySelectorAll('[data-zw-region-level]'));
  }

  // buildLevel adds the select of level i, marked up like the server's
  // (views/components/select.templ), with a visible label.
  function buildLevel(fs, box, level, placeholder, children) {
    var id = fs.id + '-' + level.name;
    var wrap = document.createElement('div');
    wrap.className = 'zw-regionselect__level';
    wrap.setAttribute('data-zw-region-level', level.name);
    var group = document.createElement('div');
    group.className = 'zw-form-group';
    var label = document.createElement('label');
    label.className = 'zw-label';
    label.htmlFor = id;
    label.textContent = level.label;
    var select = document.createElement('select');
    select.className = 'zw-select';
    select.id = id;
    select.name = level.name;
    select.appendChild(new Option(placeholder, ''));
    children.forEach(function (child) {
      select.appendChild(new Option(child.name, child.code));
    });
    group.appendChild(label);
    group.appendChild(select);
    wrap.appendChild(group);
    box.appendChild(wrap);
  }

  // sync copies the deepest choice into the page's save form.
  function sync(fs, box) {
    var input = document.getElementById(attr(fs, 'data-zw-region-sync'));
    var text = document.getElementById(attr(fs, 'data-zw-region-text'));
    var code = '';
    var names = [];
    levelWraps(box).forEach(function (wrap) {
      var select = wrap.querySelector('select');
      if (select && select.value) {
        code = select.value;
        var name = select.options[select.selectedIndex].text;
        if (names[names.length - 1] !== name) {
          names.push(name); // 北京市 / 北京市 (市辖区) reads once
        }
      }
    });
    if (input) {
      input.value = code;
      if (input.form) {
        input.form.hidden = code === '';
      }
    }
    if (text) {
      text.textContent = names.join(' / ');
    }
  }

  function init(fs) {
    var levels;
    try {
      levels = JSON.parse(attr(fs, 'data-zw-region-levels') || '[]');
    } catch (e) {
      return;
    }
    var url = attr(fs, 'data-zw-region-url');
    var box = fs.querySelector('.zw-regionselect__levels');
    if (!url || !levels.length || !box) {
      return;
    }
    var status = fs.querySelector('[data-zw-region-status]');
    var next = fs.querySelector('[data-zw-region-next]');
    var placeholder = attr(fs, 'data-zw-region-placeholder');
    var pending = 0;
    if (next) {
      next.hidden = true;
    }

    box.addEventListener('change', function (event) {
      var select = event.target;
      if (select.tagName !== 'SELECT') {
        return;
      }
      var wraps = levelWraps(box);
      var i = wraps.indexOf(select.parentNode.parentNode);
      wraps.slice(i + 1).forEach(function (wrap) {
        box.removeChild(wrap);
      });
      sync(fs, box);
      if (status) {
        status.textContent = '';
      }
      if (i < 0 || !select.value || i + 1 >= levels.length) {
        return;
      }
      var ticket = ++pending;
      fetch(url + encodeURIComponent(select.value) + '/children', {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      }).then(function (res) {
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return res.json();
      }).then(function (data) {
        if (ticket !== pending) {
          return; // a later choice won
        }
        // Region levels 1…n match the control's steps 1…n (province first).
        var children = (data.children || []).filter(function (c) {
          return c.level <= levels.length;
        });
        if (children.length) {
          buildLevel(fs, box, levels[i + 1], placeholder, children);
          if (status) {
            status.textContent = attr(fs, 'data-zw-region-loaded').replace('%d', children.length);
          }
        }
      }).catch(function () {
        if (ticket !== pending) {
          return;
        }
        if (status) {
          status.textContent = attr(fs, 'data-zw-region-failed');
        }
        if (next) {
          next.hidden = false;
        }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-zw-region]'), init);
})();
