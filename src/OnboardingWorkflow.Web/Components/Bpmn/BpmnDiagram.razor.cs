using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Components.Bpmn;

/// <summary>
/// A read-only BPMN diagram (bpmn-js NavigatedViewer: zoom and pan) with highlighted elements and
/// badges. The viewer and the XML stay in the browser (wwwroot/js/bpmn-diagram.js fetches
/// <see cref="XmlUrl"/> with the session cookie) because the Blazor connection carries at most
/// 32 KB per message; only ids, badge texts and clicks cross it. The container is an image for
/// assistive technology: the page puts the same information in a table beside it.
/// </summary>
public sealed partial class BpmnDiagram : ComponentBase, IAsyncDisposable
{
    private const string ModulePath = "./_content/OnboardingWorkflow.Web/js/bpmn-diagram.js";

    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private DotNetObjectReference<BpmnDiagram>? _self;
    private string? _loadedUrl;
    private IReadOnlyList<string> _drawnHighlights = [];
    private IReadOnlyList<DiagramOverlay> _drawnOverlays = [];
    private IReadOnlyList<DiagramMarker> _drawnMarkers = [];
    private bool _loading = true;
    private string? _failure;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DiagramText> T { get; set; } = default!;

    /// <summary>Same-origin URL of the BPMN XML, e.g. <c>/api/workflow-instances/{id}/diagram</c>; a new URL reloads the diagram.</summary>
    [Parameter, EditorRequired]
    public string XmlUrl { get; set; } = "";

    /// <summary>Element ids drawn highlighted (e.g. the current task).</summary>
    [Parameter]
    public IReadOnlyList<string> Highlighted { get; set; } = [];

    /// <summary>Badges on elements: waiting tokens (blue, bottom-left) and incidents (red, bottom-right).</summary>
    [Parameter]
    public IReadOnlyList<DiagramOverlay> Overlays { get; set; } = [];

    /// <summary>Elements drawn in a colour that says how they changed (a diff between versions).</summary>
    [Parameter]
    public IReadOnlyList<DiagramMarker> Markers { get; set; } = [];

    /// <summary>Receives the id of a clicked element.</summary>
    [Parameter]
    public EventCallback<string> ElementClicked { get; set; }

    /// <summary>Accessible name of the diagram image, e.g. "Process of application 42".</summary>
    [Parameter, EditorRequired]
    public string AriaLabel { get; set; } = "";

    private string CanvasClass => ElementClicked.HasDelegate ? "owf-diagram-canvas owf-clickable" : "owf-diagram-canvas";

    /// <summary>Called by the script when an element of the diagram is clicked.</summary>
    [JSInvokable]
    public Task OnElementClicked(string elementId) => ElementClicked.InvokeAsync(elementId);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _view = await _module.InvokeAsync<IJSObjectReference>("create", _canvas, _self);
        }

        if (_view is null || _disposed)
        {
            return;
        }

        if (!Highlighted.SequenceEqual(_drawnHighlights) || !Overlays.SequenceEqual(_drawnOverlays) || !Markers.SequenceEqual(_drawnMarkers))
        {
            _drawnHighlights = Highlighted.ToArray();
            _drawnOverlays = Overlays.ToArray();
            _drawnMarkers = Markers.ToArray();
            await _view.InvokeVoidAsync("decorate", _drawnHighlights,
                _drawnOverlays.Select(o => new { o.ElementId, o.Text, Kind = o.Kind == DiagramOverlayKind.Incidents ? "incidents" : "tokens" }),
                _drawnMarkers.Select(m => new { m.ElementId, Marker = m.CssClass }));
        }

        if (XmlUrl != _loadedUrl)
        {
            await LoadAsync(XmlUrl);
        }
    }

    private async Task LoadAsync(string url)
    {
        _loadedUrl = url;
        _loading = true;
        _failure = null;
        StateHasChanged();
        var outcome = await _view!.InvokeAsync<string>("load", url);
        if (outcome == "stale" || _disposed)
        {
            return;
        }

        _loading = false;
        _failure = outcome switch
        {
            "loaded" => null,
            "notFound" => "Failed.NotFound",
            "invalidXml" => "Failed.InvalidXml",
            _ => "Failed.Http",
        };
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_view is not null)
            {
                await _view.InvokeVoidAsync("dispose");
                await _view.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the browser page with it: nothing left to clean up.
        }

        _self?.Dispose();
    }
}
