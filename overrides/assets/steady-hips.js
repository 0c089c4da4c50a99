// The Print button is hidden until this runs, so readers without JavaScript never see a dead button.
document.querySelectorAll(".sh-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
